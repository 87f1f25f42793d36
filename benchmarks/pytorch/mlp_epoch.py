#!/usr/bin/env python3
"""The PyTorch peer of TrainingBenchmarks.MlpEpoch: one epoch of the §2.1 MLP (784-500-10, 60,000
synthetic MNIST-shaped samples, batch 64, Adam lr 4e-4 with weight decay 1e-4, cross-entropy), written
through the peers' one epoch loop (epochs.py: batches as views of a pre-shuffled copy, no host
synchronisation per step), plus the 64x784 · 784x500 matrix-multiply rate, on the same thread count.

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 benchmarks/pytorch/mlp_epoch.py [--threads 1] [--repeats 5]
Prints one JSON line: {"torch": ..., "threads": ..., "epoch_seconds": [...], "epoch_seconds_best": ..., "matmul_gflops": ...}
"""
import argparse, json, time
import torch
from epochs import time_epochs

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--repeats", type=int, default=5)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)

a, b = torch.randn(64, 784), torch.randn(784, 500)
for _ in range(20): a.mm(b)
start = time.perf_counter()
for _ in range(200): a.mm(b)
matmul = 2 * 64 * 784 * 500 * 200 / (time.perf_counter() - start)

n = 60_000
x, y = torch.rand(n, 1, 28, 28), torch.randint(0, 10, (n,))
model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=4e-4, weight_decay=1e-4)
times = time_epochs(model, optimizer, x, y, args.repeats)
print(json.dumps({"torch": torch.__version__, "threads": args.threads, "epoch_seconds": times,
                  "epoch_seconds_best": min(times), "epoch_seconds_mean": sum(times) / len(times), "matmul_gflops": matmul / 1e9}))
