using Research.Specs;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>The experiment's loss, one definition for training and evaluation.</summary>
internal static class Losses
{
    public static Tensor Of(LossKind kind, Tensor output, Tensor target) => kind switch
    {
        LossKind.Mse => nn.functional.mse_loss(output, target),
        LossKind.CrossEntropy => nn.functional.cross_entropy(output, target),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
