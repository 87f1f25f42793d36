using System.Runtime.InteropServices;

namespace Research.Training;

/// <summary>
/// libtorch refused an operation while a run trained (an <see cref="ExternalException"/> from native
/// code). Names the run and the epoch, and keeps libtorch's own message; the native exception, with its
/// stack traces, stays as the inner exception for a log file.
/// </summary>
public sealed class TrainingFailedException(string experiment, string model, int seed, int epoch, ExternalException native)
    : Exception($"{experiment} {model} seed {seed} failed at epoch {epoch}: libtorch: {FirstLine(native.Message)}", native)
{
    public string Experiment { get; } = experiment;
    public string Model { get; } = model;
    public int Seed { get; } = seed;
    public int Epoch { get; } = epoch;

    /// <summary>libtorch's message without the C++ backtrace it appends.</summary>
    public string NativeMessage { get; } = FirstLine(native.Message);

    static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var raised = lines.FirstOrDefault(l => l.StartsWith("Exception raised from", StringComparison.Ordinal));
        var first = lines.FirstOrDefault() ?? message;
        return raised is null || raised == first ? first : $"{first} ({raised.Split(" (most recent", 2)[0]})";
    }
}
