using Research.Specs;

namespace Research.Training;

/// <summary>Collects per-epoch metrics while training and freezes them into a <see cref="MetricSeries"/>.</summary>
internal sealed class EpochLog(RecordSpec record)
{
    readonly List<int> _epochs = [];
    readonly List<double> _loss = [], _accuracy = [], _norm = [];
    readonly List<int> _testEpochs = [];
    readonly List<double> _testLoss = [], _testAccuracy = [];
    readonly List<double> _evalLoss = [], _evalAccuracy = [];

    /// <summary>The training loss of every epoch so far.</summary>
    public IReadOnlyList<double> TrainLosses => _loss;

    public double? LastTestAccuracy => _testAccuracy.Count > 0 ? _testAccuracy[^1] : null;

    public void Train(int epoch, double loss, double? accuracy, double? gradientNorm)
    {
        _epochs.Add(epoch);
        _loss.Add(loss);
        if (accuracy is { } a) _accuracy.Add(a);
        if (gradientNorm is { } g) _norm.Add(g);
    }

    public void Test(int epoch, double loss, double? accuracy)
    {
        _testEpochs.Add(epoch);
        _testLoss.Add(loss);
        if (accuracy is { } a) _testAccuracy.Add(a);
    }

    /// <summary>The training set measured in eval mode after the epoch (at the test epochs; record.train_eval).</summary>
    public void TrainEval(double loss, double? accuracy)
    {
        _evalLoss.Add(loss);
        if (accuracy is { } a) _evalAccuracy.Add(a);
    }

    // The eval-mode columns only where they are recorded: a run without them keeps the checkpoint layout it had.
    public void Save(BinaryWriter w)
    {
        w.WriteInts(_epochs); w.WriteDoubles(_loss); w.WriteDoubles(_accuracy); w.WriteDoubles(_norm);
        w.WriteInts(_testEpochs); w.WriteDoubles(_testLoss); w.WriteDoubles(_testAccuracy);
        if (record.TrainEval == true) { w.WriteDoubles(_evalLoss); w.WriteDoubles(_evalAccuracy); }
    }

    public void Load(BinaryReader r)
    {
        Replace(_epochs, r.ReadInts()); Replace(_loss, r.ReadDoubles()); Replace(_accuracy, r.ReadDoubles()); Replace(_norm, r.ReadDoubles());
        Replace(_testEpochs, r.ReadInts()); Replace(_testLoss, r.ReadDoubles()); Replace(_testAccuracy, r.ReadDoubles());
        if (record.TrainEval == true) { Replace(_evalLoss, r.ReadDoubles()); Replace(_evalAccuracy, r.ReadDoubles()); }
    }

    static void Replace<T>(List<T> list, List<T> values)
    {
        list.Clear();
        list.AddRange(values);
    }

    public MetricSeries ToSeries() => new()
    {
        Epochs = [.. _epochs],
        TrainLoss = [.. _loss],
        TrainAccuracy = record.Accuracy && _accuracy.Count > 0 ? [.. _accuracy] : null,
        GradientNorm = record.GradientNorm ? [.. _norm] : null,
        TestEpochs = record.Test ? [.. _testEpochs] : null,
        TestLoss = record.Test ? [.. _testLoss] : null,
        TestAccuracy = record.Test && _testAccuracy.Count > 0 ? [.. _testAccuracy] : null,
        TrainEvalLoss = record.TrainEval == true ? [.. _evalLoss] : null,
        TrainEvalAccuracy = record.TrainEval == true && _evalAccuracy.Count > 0 ? [.. _evalAccuracy] : null,
    };
}
