# Compare state_dict tensors printed in the notebook's saved outputs with those printed by a rerun.
import json, re, sys
import numpy as np
nbfile, outfile, cellidx = sys.argv[1], sys.argv[2], [int(c) for c in sys.argv[3].split(',')]
nb = json.load(open(nbfile))
rerun = open(outfile, errors='replace').read()
parts = re.split(r'@@CELL (\d+)@@\n', rerun)
rr = {int(parts[i]): parts[i+1] for i in range(1, len(parts), 2)}
num = re.compile(r'-?\d+\.\d+(?:e[-+]\d+)?')
def tensors(text):
    d = {}
    for m in re.finditer(r'([\w.]+) \t tensor\((.*?)\)\n', text, re.S):
        d[m.group(1)] = np.array([float(v) for v in num.findall(m.group(2))])
    return d
for c in cellidx:
    saved = ''.join(''.join(o.get('text', '')) for o in nb['cells'][c]['outputs'] if o.get('name') == 'stdout')
    a, b = tensors(saved), tensors(rr[c])
    allsame = True
    worst = 0.0
    rows = []
    for k in a:
        if a[k].shape != b[k].shape:
            rows.append(f'{k}: shape mismatch {a[k].shape} {b[k].shape}'); allsame=False; continue
        diff = np.abs(a[k]-b[k]).max()
        rel = (np.abs(a[k]-b[k]).max() / max(np.abs(a[k]).max(), 1e-12))
        worst = max(worst, diff)
        if diff > 0: allsame = False
        rows.append(f'{k}: n={a[k].size} max|saved-rerun|={diff:.4g} (rel to max|w| {rel:.3g}) textual_identical={a[k].tolist()==b[k].tolist()}')
    print(f'cell {c}: {len(a)} tensors, printed-text identical: {allsame}, worst abs diff {worst:.4g}')
    for r in rows: print('   ', r)
