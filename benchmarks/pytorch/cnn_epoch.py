#!/usr/bin/env python3
"""The PyTorch peer of TrainingBenchmarks.CnnEpoch: one epoch of §1.2's CNN-1 (conv 1→16 and 16→4 with kernel 4,
ReLU and 2×2 max-pooling, dropout 0.25, dense 64-150-90-10; 25,550 parameters), 60,000 synthetic MNIST-shaped
samples, batch 64, Adam lr 1e-4 with weight decay 1e-4, cross-entropy, written the fast way (as mlp_epoch.py), in
both memory layouts: contiguous (NCHW) and channels-last (the layout the project trains CNNs in). The best of the
two is the peer's time.

Run after benchmarks/pytorch/setup.sh:  /usr/bin/python3 benchmarks/pytorch/cnn_epoch.py [--threads 1] [--repeats 3]
Prints one JSON line: {"torch": ..., "threads": ..., "epoch_seconds": {"contiguous": [...], "channels_last": [...]}, "epoch_seconds_best": ...}
"""
import argparse, json, time
import torch
from torch import nn

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
    loss_fn = nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(n)
        xs, ys = x[order].contiguous(memory_format=layout), y[order]
        total = torch.zeros(())
        for start in range(0, n, 64):
            xb, yb = xs[start:start + 64], ys[start:start + 64]
            optimizer.zero_grad(set_to_none=False)
            loss = loss_fn(m(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.detach() * xb.shape[0]
        return (total / n).item()

    epoch()  # warm-up
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    return times


times = {"contiguous": measure(torch.contiguous_format), "channels_last": measure(torch.channels_last)}
print(json.dumps({"torch": torch.__version__, "threads": args.threads, "epoch_seconds": times,
                  "epoch_seconds_best": min(min(t) for t in times.values())}))
