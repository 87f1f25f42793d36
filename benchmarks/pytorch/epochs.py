"""The peers' one epoch loop, written the fast way: one shuffled copy of the data per epoch (in the given memory
layout), batches as views of it, Adam's gradients zeroed in place, and one host read per epoch. Both peers time
their epochs through it, so they are measured alike."""
import time
import torch


def time_epochs(model, optimizer, x, y, repeats, batch=64, layout=torch.contiguous_format):
    """Seconds of each of `repeats` epochs, after one warm-up epoch."""
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]

    def epoch():
        order = torch.randperm(n)
        xs, ys = x[order].contiguous(memory_format=layout), y[order]
        total = torch.zeros(())
        for start in range(0, n, batch):
            xb, yb = xs[start:start + batch], ys[start:start + batch]
            optimizer.zero_grad(set_to_none=False)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.detach() * xb.shape[0]
        return (total / n).item()

    epoch()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    return times
