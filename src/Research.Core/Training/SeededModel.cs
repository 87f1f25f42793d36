using Research.Models;
using Research.Specs;
using Research.Torch;
using Research.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// The libtorch side of one run: the model initialised from the seed, its optimizer and the shuffling's
/// generator. A checkpoint carries their state (<see cref="Save"/>) inside the <see cref="TrainingState"/>
/// it belongs to.
/// </summary>
internal sealed class SeededModel : IDisposable
{
    SeededModel(SpecModel model, List<Parameter> parameters, OptimizerStep optimizer, Generator shuffle, bool usesGlobalGenerator)
    {
        Model = model;
        Parameters = parameters;
        Optimizer = optimizer;
        Shuffle = shuffle;
        UsesGlobalGenerator = usesGlobalGenerator;
    }

    public SpecModel Model { get; }

    /// <summary>The model's parameters in module order: the order of the checkpoint and of the weight snapshots.</summary>
    public List<Parameter> Parameters { get; }

    public OptimizerStep Optimizer { get; }

    /// <summary>A generator of the shuffling's own, so the order of batches does not depend on what dropout drew.</summary>
    public Generator Shuffle { get; }

    /// <summary>Whether training draws from libtorch's global generator (dropout), so that its state belongs in a checkpoint.</summary>
    public bool UsesGlobalGenerator { get; }

    /// <summary>Seeds libtorch and builds the model, then its optimizer and shuffle generator.</summary>
    public static SeededModel Build(ExperimentSpec e, DatasetSpec dataset, ModelSpec spec, int seed)
    {
        SpecModel model;
        lock (TorchRuntime.Global) // seeding and initialisation use libtorch's global generator
        {
            TorchRuntime.SetThreads(e.Threads);
            manual_seed(seed).Dispose(); // the returned wrapper only; the default generator lives on
            // One stream, as the report's code: the models listed before this one draw their initial weights first.
            if (e.Seeding == SeedingKind.OneStream)
                foreach (var before in e.Models.Values.TakeWhile(m => m.Id != spec.Id))
                    new SpecModel(before, DataShapes.Input(dataset)).Dispose();
            model = new SpecModel(spec, DataShapes.Input(dataset));
        }
        return WithOptimizer(e, spec, model, (ulong)seed, load: null);
    }

    /// <summary>A model loaded with the given flattened weights (no draw from the seed), with a fresh optimizer and a shuffle generator from <paramref name="shuffleSeed"/>.</summary>
    public static SeededModel FromWeights(ExperimentSpec e, DatasetSpec dataset, ModelSpec spec, float[] weights, ulong shuffleSeed)
    {
        SpecModel model;
        lock (TorchRuntime.Global) // construction initialises from libtorch's global generator before the weights overwrite it
        {
            TorchRuntime.SetThreads(e.Threads);
            model = new SpecModel(spec, DataShapes.Input(dataset));
        }
        return WithOptimizer(e, spec, model, shuffleSeed, m => Analysis.ModelWeights.Load(m, weights));
    }

    /// <summary>The built model (optionally loaded first), its optimizer and shuffle generator; the model is disposed if any of that fails.</summary>
    static SeededModel WithOptimizer(ExperimentSpec e, ModelSpec spec, SpecModel model, ulong shuffleSeed, Action<SpecModel>? load)
    {
        OptimizerStep? optimizer = null;
        try
        {
            load?.Invoke(model);
            var parameters = model.parameters().ToList();
            optimizer = OptimizerStep.Create(spec.Optimizer, parameters);
            return new SeededModel(model, parameters, optimizer, new Generator(shuffleSeed), !Trainer.CanShareProcess(e, spec));
        }
        catch
        {
            optimizer?.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>Parameters, optimizer state and generator states, in the order old checkpoints have them.</summary>
    public void Save(BinaryWriter w)
    {
        foreach (var p in Parameters) w.WriteTensor(p);
        Optimizer.Save(w);
        using (var state = Shuffle.get_state()) w.WriteState(state);
        if (UsesGlobalGenerator) // dropout draws from libtorch's global generator
            using (var state = torch.random.get_rng_state()) w.WriteState(state);
    }

    /// <summary>Reads what <see cref="Save"/> wrote back into the live objects.</summary>
    public void Load(BinaryReader r)
    {
        foreach (var p in Parameters) r.ReadTensorInto(p);
        Optimizer.Load(r);
        using (var state = r.ReadState()) Shuffle.set_state(state);
        if (UsesGlobalGenerator)
            using (var state = r.ReadState()) torch.random.set_rng_state(state);
    }

    // In the reverse order of construction, as the trainer's using declarations disposed them.
    public void Dispose()
    {
        Shuffle.Dispose();
        Optimizer.Dispose();
        Model.Dispose();
    }
}
