# Replay torch DataLoader(shuffle=True, num_workers=0, no generator) index order with primitive ops.
import torch
from torch.utils.data import DataLoader, TensorDataset
print("torch", torch.__version__)
NTR, NTE, B, EPOCHS = 60000, 10000, 100, 3
M63 = 1 << 63

def build_model():
    return torch.nn.Sequential(torch.nn.Linear(784, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10))

# ---------- 1. reference: real DataLoader ----------
torch.manual_seed(1)
model = build_model()
train = DataLoader(TensorDataset(torch.arange(NTR)), batch_size=B, shuffle=True)
test = DataLoader(TensorDataset(torch.arange(NTE)), batch_size=B, shuffle=False)
ref = []
for ep in range(EPOCHS):
    order = []
    for (xb,) in train:            # training epoch, fully iterated
        order.extend(xb.tolist())
    for (xb,) in test:             # test loop, fully iterated
        pass
    ref.append(order)
state_after_ref = torch.get_rng_state()

# ---------- 2. replay with primitives ----------
torch.manual_seed(1)
model2 = build_model()
rep, seeds = [], []
for ep in range(EPOCHS):
    # train: iter(loader) -> _BaseDataLoaderIter.__init__ draws _base_seed
    base_seed = torch.empty((), dtype=torch.int64).random_().item()
    # first next() -> RandomSampler.__iter__ body draws sampler seed
    s = int(torch.empty((), dtype=torch.int64).random_().item())
    g = torch.Generator(); g.manual_seed(s)
    perm = torch.randperm(NTR, generator=g).tolist()
    # test: iter(test_loader) -> _base_seed draw (SequentialSampler draws nothing)
    test_base = torch.empty((), dtype=torch.int64).random_().item()
    seeds.append((base_seed, s, test_base))
    rep.append(perm)
state_after_rep = torch.get_rng_state()

for ep in range(EPOCHS):
    print(f"epoch {ep+1} first10 DataLoader:", ref[ep][:10])
    print(f"epoch {ep+1} first10 replay    :", rep[ep][:10], "full match:", ref[ep] == rep[ep])
    print(f"epoch {ep+1} draws (train _base_seed, sampler seed, test _base_seed):", seeds[ep])
print("global RNG state identical after both:", torch.equal(state_after_ref, state_after_rep))
assert all(ref[e] == rep[e] for e in range(EPOCHS))
assert torch.equal(state_after_ref, state_after_rep)

# ---------- 3. explicit-range equivalents of no-arg random_() on int64 ----------
def draws(fn, n=2000, seed=1234):
    torch.manual_seed(seed)
    return [fn() for _ in range(n)]
one = lambda: torch.empty((), dtype=torch.int64)
noarg = draws(lambda: one().random_().item())
cands = {
    "random_(0, None)  [to=None -> range 2^63]": lambda: one().random_(0, None).item(),
    "random_(-2**63, 0) then v + 2**63 (== v ^ INT64_MIN)": lambda: one().random_(-2**63, 0).item() + M63,
    "random_(-2**63, None) [full 64-bit] then v & (2**63-1)": lambda: one().random_(-2**63, None).item() & (M63 - 1),
    "random_(0, 2**63-1)": lambda: one().random_(0, 2**63 - 1).item(),
    "random_(2**63-1) [to only]": lambda: one().random_(2**63 - 1).item(),
}
print("first 5 no-arg draws after manual_seed(1234):", noarg[:5])
for name, fn in cands.items():
    d = draws(fn)
    nm = sum(a != b for a, b in zip(noarg, d))
    print(f"{name:60s} mismatches {nm}/{len(d)}")
# TorchSharp passes (low, high) as C doubles -> int64; -2^63 and 0 are exact doubles.
assert float(-2**63) == -2**63
