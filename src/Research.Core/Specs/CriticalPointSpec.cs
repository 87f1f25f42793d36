namespace Research.Specs;

/// <summary>
/// §2.3: after ordinary training, minimise the squared gradient norm ‖∇θL‖² (Adam) until the gradient
/// norm falls below <see cref="GradientBelow"/> or <see cref="MaxSteps"/> pass, optionally finish with Newton steps
/// (<see cref="NewtonSteps"/>); then compute the full
/// Hessian of the loss and its eigenvalues. Minimal ratio = fraction of eigenvalues above
/// <see cref="EigenTolerance"/>.
/// </summary>
public sealed record CriticalPointSpec
{
    [SpecRange(Min = 1)] public int MaxSteps { get; init; } = 2000;
    [SpecRange(Min = 0, MinExclusive = true)] public double Lr { get; init; } = 1e-4;
    [SpecRange(Min = 0, MinExclusive = true)] public double GradientBelow { get; init; } = 1e-3;
    /// <summary>
    /// After the Adam phase, up to this many damped Newton steps on ∇θL = 0 with the exact Hessian, if the norm is
    /// still above <see cref="GradientBelow"/>. Unset (null): none; it then stays out of the run key, so runs without
    /// Newton steps keep their keys.
    /// </summary>
    [SpecRange(Min = 1)] public int? NewtonSteps { get; init; }
    [SpecRange(Min = 0)] public double EigenTolerance { get; init; } = 1e-6;
    /// <summary>
    /// Version of the derivative code, part of the run key: 2 = closed-form derivatives for the §2.2 network
    /// (results differ from autograd's in float rounding, which 1,000 Adam steps amplify), so runs of
    /// version 1 are not reused.
    /// </summary>
    [NotInYaml] public int Algorithm { get; init; } = 2;
}
