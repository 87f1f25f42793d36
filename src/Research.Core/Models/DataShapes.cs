using Research.Specs;

namespace Research.Models;

/// <summary>Per-sample input shape and output count of each kind of data set.</summary>
public static class DataShapes
{
    public static int[] Input(DatasetSpec data) => data.Kind == DatasetKind.Mnist ? [1, 28, 28] : [1];

    public static int Outputs(DatasetSpec data) => data.Kind == DatasetKind.Mnist ? 10 : 1;
}
