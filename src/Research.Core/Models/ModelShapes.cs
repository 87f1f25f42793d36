using Research.Specs;

namespace Research.Models;

/// <summary>
/// Shape inference and parameter counting for a layer list, without touching libtorch: the spec
/// validator uses it to reject architectures whose shapes do not connect before any training starts.
/// </summary>
public static class ModelShapes
{
    public sealed record Result(IReadOnlyList<int[]> Shapes, long Parameters, IReadOnlyList<(int Layer, string Problem)> Problems);

    public static Result Infer(int[] input, IReadOnlyList<LayerSpec> layers)
    {
        var shapes = new List<int[]> { input };
        var problems = new List<(int, string)>();
        long parameters = 0;
        var shape = input;
        for (int i = 0; i < layers.Count; i++)
        {
            switch (layers[i])
            {
                case DenseLayer d:
                    if (shape.Length != 1)
                    {
                        problems.Add((i, $"dense needs a flat input but gets shape [{string.Join(", ", shape)}]; put 'flatten' before it"));
                        return new(shapes, parameters, problems);
                    }
                    parameters += (long)(shape[0] + 1) * d.Out;
                    shape = [d.Out];
                    break;
                case Conv2dLayer c:
                    if (shape.Length != 3)
                    {
                        problems.Add((i, $"conv2d needs a [channels, height, width] input but gets [{string.Join(", ", shape)}]"));
                        return new(shapes, parameters, problems);
                    }
                    int h = (shape[1] + 2 * c.Padding - c.Kernel) / c.Stride + 1, w = (shape[2] + 2 * c.Padding - c.Kernel) / c.Stride + 1;
                    if (shape[1] + 2 * c.Padding < c.Kernel || shape[2] + 2 * c.Padding < c.Kernel)
                    {
                        problems.Add((i, $"conv2d kernel {c.Kernel} is larger than its {shape[1]}x{shape[2]} input (padding {c.Padding})"));
                        return new(shapes, parameters, problems);
                    }
                    parameters += (long)shape[0] * c.Kernel * c.Kernel * c.Out + c.Out;
                    shape = [c.Out, h, w];
                    break;
                case MaxPoolLayer p:
                    if (shape.Length != 3 || shape[1] < p.Kernel || shape[2] < p.Kernel)
                    {
                        problems.Add((i, $"maxpool kernel {p.Kernel} does not fit input [{string.Join(", ", shape)}]"));
                        return new(shapes, parameters, problems);
                    }
                    shape = [shape[0], (shape[1] - p.Kernel) / p.Stride + 1, (shape[2] - p.Kernel) / p.Stride + 1];
                    break;
                case FlattenLayer:
                    shape = [shape.Aggregate(1, (a, b) => a * b)];
                    break;
                case DropoutLayer or ActivationLayer:
                    break;
                default:
                    throw new NotSupportedException(layers[i].GetType().Name);
            }
            shapes.Add(shape);
        }
        return new(shapes, parameters, problems);
    }
}
