using TorchSharp;

namespace Research.Data;

/// <summary>
/// Tensors an experiment trains and evaluates on, contiguous on the CPU. Owned by the engine's data
/// cache for the whole process; trainers read slices of them and never dispose them.
/// </summary>
public sealed record TrainingData(
    string Description, torch.Tensor TrainX, torch.Tensor TrainY, torch.Tensor? TestX, torch.Tensor? TestY, string Checksum)
{
    public int TrainCount => (int)TrainX.shape[0];
}
