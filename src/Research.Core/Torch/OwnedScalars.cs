using TorchSharp;

namespace Research.Torch;

/// <summary>
/// The one owner of every <see cref="Scalar"/> the project hands to libtorch. A Scalar is a native
/// object that its .NET wrapper's finalizer frees; one made as a temporary (a bare <c>double</c> converted
/// implicitly, or a TorchSharp overload that fills in <c>alpha = 1</c> itself) has nothing keeping it
/// alive once its handle is passed on, so a garbage collection started by another thread can free it
/// while the kernel still reads it: libtorch then throws at Scalar.h:140, or silently computes with
/// another constant (issue 19). Scalars made here stay referenced by their owner until it is disposed,
/// so no finalizer can race a kernel, and the process-wide constants are rooted for good.
/// </summary>
/// <remarks>
/// Project code makes Scalars only through this type, and calls only TorchSharp overloads that take
/// every Scalar explicitly: <c>ScalarOwnershipTests</c> reads the project's IL and fails otherwise.
/// </remarks>
public sealed class OwnedScalars : IDisposable
{
    readonly Dictionary<(bool Integral, long Bits), Scalar> _owned = [];
    bool _disposed;

    /// <summary>1, for the <c>alpha</c> of additions (<c>add_(x)</c> makes a temporary 1 otherwise).</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>2, the exponent of a square (<c>square()</c> is <c>pow(2)</c> with a temporary 2).</summary>
    public static Scalar Two { get; } = 2.ToScalar();

    /// <summary>A floating-point constant, owned until this owner is disposed (one Scalar per distinct value).</summary>
    public Scalar Of(double value) => Get((false, BitConverter.DoubleToInt64Bits(value)), () => value.ToScalar());

    /// <summary>An integral constant (a count, a batch size), owned until this owner is disposed.</summary>
    public Scalar Of(long value) => Get((true, value), () => value.ToScalar());

    Scalar Get((bool, long) key, Func<Scalar> make)
    {
        lock (_owned)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_owned.TryGetValue(key, out var scalar)) _owned[key] = scalar = make();
            return scalar;
        }
    }

    public void Dispose()
    {
        lock (_owned)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var scalar in _owned.Values) scalar.Dispose();
            _owned.Clear();
        }
    }
}
