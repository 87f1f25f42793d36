# Printed (saved output, cell 4) vs rerun grad_norm / loss every 100 epochs.
import json, re
nb = json.load(open('GradientNorm.ipynb'))
saved = ''.join(''.join(o.get('text', '')) for o in nb['cells'][4]['outputs'])
pat = re.compile(r'epoch: (\d+), loss = ([\d.]+), grad_norm = ([\d.e-]+)')
S = {int(e): (l, float(g)) for e, l, g in pat.findall(saved)}
R = {t: {int(e): (l, float(g)) for e, l, g in pat.findall(open(f'gradnorm_{t}.out').read())} for t in ('default', 'capdefault', 'run2')}
print('| epoch | printed loss / grad_norm | 1.13.1 default: loss / grad_norm (rel diff) | ATEN_CPU_CAPABILITY=default (rel diff) | run #2 (rel diff) |')
print('|---|---|---|---|---|')
for e in sorted(S):
    row = [str(e), f'{S[e][0]} / {S[e][1]:.6g}']
    for t in ('default', 'capdefault', 'run2'):
        l, g = R[t][e]
        row.append(f'{l} / {g:.6g} ({(g - S[e][1]) / S[e][1]:+.2%})')
    print('| ' + ' | '.join(row) + ' |')
