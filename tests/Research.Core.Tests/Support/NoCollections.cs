using System.Runtime;

namespace Research.Tests.Support;

/// <summary>
/// Runs code that must call TorchSharp's own Scalar-making methods (its optimizers, as references) with
/// no garbage collection in the whole process meanwhile: a temporary Scalar can only be freed under a
/// kernel by a collection, and none can start inside a no-GC region (issue 19). Fails if the region
/// could not be held, rather than running unguarded.
/// </summary>
public static class NoCollections
{
    const long Budget = 240L << 20; // managed bytes the process may allocate inside the region, all threads together
    const int Attempts = 3;

    /// <summary>
    /// The action's result, computed inside a no-GC region. Other tests allocate meanwhile; if they use
    /// up the budget a collection runs after all, and the computation is repeated (it is deterministic).
    /// </summary>
    public static T Run<T>(Func<T> action)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (!GC.TryStartNoGCRegion(Budget))
                throw new InvalidOperationException("could not enter a no-GC region for a reference computation");
            bool held;
            T result;
            try
            {
                result = action();
            }
            finally
            {
                held = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
                if (held) GC.EndNoGCRegion();
            }
            if (held) return result;
            if (attempt == Attempts)
                throw new InvalidOperationException($"a garbage collection ran inside the no-GC region {Attempts} times (more than {Budget >> 20} MB allocated): the reference computation was never protected");
        }
    }
}
