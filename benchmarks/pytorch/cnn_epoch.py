#!/usr/bin/env python3
"""The PyTorch peer of TrainingBenchmarks.CnnEpoch: one epoch of §1.2's CNN-1 (conv 1→16 and 16→4 with kernel 4,
ReLU and 2×2 max-pooling, dropout 0.25, dense 64-150-90-10; 25,550 parameters), 60,000 synthetic MNIST-shaped
samples, batch 64, Adam lr 1e-4 with weight decay 1e-4, cross-entropy, through the same epoch loop as mlp_epoch.py (epochs.py), in
both memory layouts: contiguous (NCHW) and channels-last (the layout the project trains CNNs in). The best of the
two is the peer's time.

Run after benchmarks/pytorch/setup.sh:  /usr/bin/python3 benchmarks/pytorch/cnn_epoch.py [--threads 1] [--repeats 3]
Prints one JSON line: {"torch": ..., "threads": ..., "epoch_seconds": {"contiguous": [...], "channels_last": [...]}, "epoch_seconds_best": ...}
"""
import argparse, json
import torch
from torch import nn
from epochs import time_epochs

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--repeats", type=int, default=3)
args = parser.parse_args()
torch.set_num_threads(args.threads)

n = 60_000
torch.manual_seed(0)
x, y = torch.rand(n, 1, 28, 28), torch.randint(0, 10, (n,))


def model():
    torch.manual_seed(1)
    m = nn.Sequential(nn.Conv2d(1, 16, 4), nn.ReLU(), nn.MaxPool2d(2, 2),
                      nn.Conv2d(16, 4, 4), nn.ReLU(), nn.MaxPool2d(2, 2),
                      nn.Dropout(0.25), nn.Flatten(),
                      nn.Linear(64, 150), nn.ReLU(), nn.Linear(150, 90), nn.ReLU(), nn.Linear(90, 10))
    assert sum(p.numel() for p in m.parameters()) == 25_550
    return m


def measure(layout):
    m = model()
    if layout == torch.channels_last:
        m = m.to(memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(m.parameters(), lr=1e-4, weight_decay=1e-4)
    return time_epochs(m, optimizer, x, y, args.repeats, layout=layout)


times = {"contiguous": measure(torch.contiguous_format), "channels_last": measure(torch.channels_last)}
print(json.dumps({"torch": torch.__version__, "threads": args.threads, "epoch_seconds": times,
                  "epoch_seconds_best": min(min(t) for t in times.values())}))
