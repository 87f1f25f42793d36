# Extract code cells from the notebooks verbatim into scripts.
# Header: single thread + stub path. Footer: dump results (reads variables only; no RNG use).
import json, sys
HEADER = '''import sys, os, json
sys.path.insert(0, "./stubs")
import torch
torch.set_num_threads(1)
print("TORCH", torch.__version__, "threads", torch.get_num_threads(), "ATEN_CPU_CAPABILITY", os.environ.get("ATEN_CPU_CAPABILITY"))
'''
def cells(nb, lo, hi):
    out = []
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] == 'code' and lo <= i <= hi:
            src = ''.join(c['source'])
            out.append(f'\n# ===== notebook cell {i} (execution_count={c.get("execution_count")}) =====\nprint("\\n@@CELL {i}@@")\n' + src + '\n')
    return ''.join(out)

nb = json.load(open('SimFunc1.ipynb'))
foot1 = '''
# ===== harness footer: record results =====
import numpy as _np
res = {}
for name, ep, la in [("M1", M1epoch_arr, M1loss_arr), ("M2", M2epoch_arr, M2loss_arr), ("M3", M3epoch_arr, M3loss_arr)]:
    res[name] = {"stop_epoch": ep[-1], "final_loss": float(la[-1]), "final_loss_repr": repr(la[-1]),
                 "loss_at": {str(k): float(la[k-1]) for k in (1, 10, 100, 500) if k <= len(la)}}
tag = os.environ.get("RUN_TAG", "run")
json.dump(res, open(f"./simfunc1_{tag}.json", "w"), indent=1)
torch.save({"m1": m1.state_dict(), "m2": m2.state_dict(), "m3": m3.state_dict()}, f"./simfunc1_{tag}_weights.pt")
print("RESULT", json.dumps(res))
'''
open('simfunc1.py', 'w').write(HEADER + cells(nb, 0, 17) + foot1)

nb = json.load(open('GradientNorm.ipynb'))
foot2 = '''
# ===== harness footer: record results =====
res = {"stop_epoch": M1epoch_arr[-1], "final_loss": float(M1loss_arr[-1]), "final_loss_repr": repr(M1loss_arr[-1]),
       "final_grad_norm": float(M1grad_norm),
       "grad_norm_at": {str(k): float(M1gradArr[k-1]) for k in range(100, len(M1gradArr)+1, 100)},
       "loss_at": {str(k): float(M1loss_arr[k-1]) for k in range(100, len(M1loss_arr)+1, 100)}}
tag = os.environ.get("RUN_TAG", "run")
json.dump(res, open(f"./gradnorm_{tag}.json", "w"), indent=1)
print("RESULT", json.dumps(res))
'''
open('gradnorm.py', 'w').write(HEADER + cells(nb, 0, 6) + foot2)
