using Research.Models;
using Research.Specs;
using static TorchSharp.torch;

namespace Research.Analysis;

/// <summary>Rebuilds a trained model from a flattened weight snapshot (parameters in module order, as the trainer stores them).</summary>
public static class ModelWeights
{
    public static SpecModel Build(ModelSpec spec, DatasetSpec data, ReadOnlySpan<float> flat)
    {
        var model = new SpecModel(spec, DataShapes.Input(data));
        try
        {
            Load(model, flat);
        }
        catch
        {
            model.Dispose(); // a snapshot that does not fit: the half-built model is not left to the finalizer
            throw;
        }
        model.eval();
        return model;
    }

    public static void Load(SpecModel model, ReadOnlySpan<float> flat)
    {
        using var _ = no_grad();
        long offset = 0;
        foreach (var p in model.parameters())
        {
            var n = p.numel();
            if (offset + n > flat.Length)
                throw new ArgumentException($"the weight snapshot has {flat.Length:N0} values but the model needs {model.ParameterCount:N0}");
            using var source = tensor(flat.Slice((int)offset, (int)n).ToArray(), p.shape);
            p.copy_(source);
            offset += n;
        }
        if (offset != flat.Length)
            throw new ArgumentException($"the weight snapshot has {flat.Length:N0} values but the model needs {offset:N0}");
    }
}
