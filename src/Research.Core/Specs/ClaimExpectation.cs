namespace Research.Specs;

/// <summary>
/// The verdicts the project measured for one claim under one variant: on the full profile
/// (<see cref="Expect"/>) and on ci where its smaller budget gives another (<see cref="ExpectCi"/>).
/// A verdict not measured yet on the full profile is <see cref="Pending"/>, with the reason; a test on
/// that profile then skips instead of asserting a number nobody measured.
/// </summary>
public sealed record ClaimExpectation
{
    public Verdict? Expect { get; init; }
    public Verdict? ExpectCi { get; init; }
    /// <summary>Measured evidence, required when a verdict is not holds.</summary>
    public string? Evidence { get; init; }
    /// <summary>Why the full profile's verdict is not recorded yet (e.g. "its full-profile runs train after issue 16").</summary>
    public string? Pending { get; init; }
    /// <summary>
    /// Measured: the verdict flips between CPU kernels (why, with both verdicts and where each was measured). It holds
    /// on every profile, as <see cref="Expect"/> does where no <see cref="ExpectCi"/> is given. The claim test then
    /// reports the verdict it gets and skips, instead of asserting one machine's; a report counts the other decided
    /// verdict as recorded (<see cref="Research.Claims.ClaimResult.DecidedByCpu"/>).
    /// </summary>
    public string? VariesByCpu { get; init; }

    /// <summary>The recorded verdict on a profile, or null when it is pending.</summary>
    public Verdict? Expected(Profile profile) => profile == Profile.Ci && ExpectCi is { } ci ? ci : Expect;
}
