using static TorchSharp.torch;

namespace Research.Torch;

/// <summary>
/// The draws PyTorch 1.13's <c>DataLoader</c> (num_workers 0, no generator argument) makes from libtorch's global
/// generator, so a run can take the batches in the order the report's code did. Read from torch/utils/data:
/// <c>_BaseDataLoaderIter.__init__</c> draws a base seed on every <c>iter(loader)</c>, shuffled or not
/// (dataloader.py:598–599); <c>RandomSampler.__iter__</c> draws the sampler's seed on the first <c>next()</c> and
/// takes <c>randperm(n)</c> on a generator seeded with it (sampler.py:117–132). Checked against PyTorch 1.13.1:
/// after <c>manual_seed(1)</c> and a 784-500-10 MLP, the same seeds and the same 60,000 indices for three epochs.
/// The caller holds the global generator alone (<see cref="Research.Training.Trainer.CanShareProcess"/>).
/// </summary>
public static class DataLoaderReplay
{
    /// <summary>One <c>torch.empty((), dtype=torch.int64).random_()</c>: random64() mod 2^63.</summary>
    /// <remarks>TorchSharp passes random_'s bounds as doubles and needs an upper one: [−2^63, 0) takes the same one
    /// 64-bit draw, and flipping the sign bit maps it onto [0, 2^63) exactly as the no-argument call does.</remarks>
    public static long Draw()
    {
        using var t = empty(Array.Empty<long>(), dtype: ScalarType.Int64);
        t.random_(-9223372036854775808.0, 0.0);
        return t.item<long>() ^ long.MinValue;
    }

    /// <summary>One training epoch of a shuffled loader: its base seed, its sampler's seed, and the order from that seed.</summary>
    public static Tensor Order(int n)
    {
        Draw();
        var seed = Draw();
        using var generator = new Generator((ulong)seed);
        return randperm(n, generator: generator);
    }

    /// <summary>One pass over a non-shuffled (test) loader: its base seed only.</summary>
    public static void TestPass() => Draw();
}
