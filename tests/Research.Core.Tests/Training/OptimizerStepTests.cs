using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;
using Research.Torch;
using Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Tests.Training;

/// <summary>The project's in-place optimizers follow torch.optim's update rules to float tolerance.</summary>
public class OptimizerStepTests
{
    static (nn.Module<Tensor, Tensor> Model, Tensor X, Tensor Y) Problem()
    {
        manual_seed(3);
        var model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1));
        var x = randn(64, 4);
        var y = x.pow(OwnedScalars.Two).sum(1, keepdim: true);
        return (model, x, y);
    }

    static float[] Train(Func<nn.Module<Tensor, Tensor>, Action> makeStep, int steps)
    {
        using var _ = TorchRuntime.Global.EnterScope();
        var (model, x, y) = Problem();
        var step = makeStep(model);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in model.parameters()) p.grad?.zero_();
            nn.functional.mse_loss(model.forward(x), y).backward();
            step();
        }
        return cat(model.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-2)]
    public void AdamMatchesTorchAdam(double weightDecay)
    {
        var spec = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 0.01, WeightDecay = weightDecay };
        var ours = Train(m => OptimizerStep.Create(spec, m.parameters()).Step, 50);
        // torch.optim makes temporary Scalars on every step: the reference runs with no collection possible.
        var theirs = NoCollections.Run(() => Train(m => { var o = optim.Adam(m.parameters(), 0.01, weight_decay: weightDecay); return () => o.step(); }, 50));
        ours.Zip(theirs).Select(p => Math.Abs(p.First - p.Second)).Max().Should().BeLessThan(2e-5f);
    }

    [Fact]
    public void SgdWithMomentumMatchesTorchSgd()
    {
        var spec = new OptimizerSpec { Kind = OptimizerKind.Sgd, Lr = 0.01, Momentum = 0.9, WeightDecay = 1e-3 };
        var ours = Train(m => OptimizerStep.Create(spec, m.parameters()).Step, 50);
        var theirs = NoCollections.Run(() => Train(m => { var o = optim.SGD(m.parameters(), 0.01, momentum: 0.9, weight_decay: 1e-3); return () => o.step(); }, 50));
        ours.Zip(theirs).Select(p => Math.Abs(p.First - p.Second)).Max().Should().BeLessThan(2e-5f);
    }

    public static TheoryData<OptimizerKind> Kinds => new() { OptimizerKind.Adam, OptimizerKind.Sgd };

    static OptimizerStep Make(OptimizerKind kind, IReadOnlyList<TorchSharp.Modules.Parameter> parameters, bool flat) => kind == OptimizerKind.Adam
        ? new AdamStep(new OptimizerSpec { Kind = kind, Lr = 0.01, WeightDecay = 1e-3 }, parameters, flat)
        : new SgdStep(new OptimizerSpec { Kind = kind, Lr = 0.01, Momentum = 0.9, WeightDecay = 1e-3 }, parameters, flat);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheFlatBufferUpdatesBitForBitAsOneTensorPerParameter(OptimizerKind kind)
    {
        var perTensor = Train(m => Make(kind, m.parameters().ToList(), flat: false).Step, 50);
        var flat = Train(m => Make(kind, m.parameters().ToList(), flat: true).Step, 50);
        flat.Should().Equal(perTensor, "elementwise updates do not depend on where an element sits");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void CheckpointsReadBackAcrossTheTwoLayouts(OptimizerKind kind)
    {
        byte[] Saved(bool flat, byte[]? load)
        {
            using var _ = TorchRuntime.Global.EnterScope();
            var (model, x, y) = Problem();
            using var step = Make(kind, model.parameters().ToList(), flat);
            if (load != null) step.Load(new BinaryReader(new MemoryStream(load)));
            for (int i = 0; i < 5; i++)
            {
                using var scope = NewDisposeScope();
                step.ZeroGrad();
                nn.functional.mse_loss(model.forward(x), y).backward();
                step.Step();
            }
            var stream = new MemoryStream();
            step.Save(new BinaryWriter(stream));
            return stream.ToArray();
        }
        var perTensor = Saved(flat: false, load: null);
        Saved(flat: true, load: null).Should().Equal(perTensor, "both layouts write the state per parameter");
        Saved(flat: true, load: perTensor).Should().Equal(Saved(flat: false, load: perTensor));
    }
}
