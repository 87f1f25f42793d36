using Research.Outcomes;
using Research.Runs;
using Research.Specs;

[assembly: AssemblyFixture(typeof(Research.Claims.Tests.ClaimSession))]

namespace Research.Claims.Tests;

/// <summary>
/// One engine for the whole test session: claims that read the same runs share them through the
/// engine (in memory) and the run cache (on disk), so each run trains once per session at most.
/// The profile under test comes from RESEARCH_PROFILE (ci unless set; `./build.sh test --profile full`).
/// </summary>
public sealed class ClaimSession
{
    public const string ProfileVariable = "RESEARCH_PROFILE";

    public ClaimSession() => Reproduction = new Reproduction(Engine);

    public Engine Engine { get; } = Engine.FromRepository();

    /// <summary>The pipeline after training: one outcome per experiment, shared by the claim, baseline and report tests.</summary>
    public Reproduction Reproduction { get; }

    public Profile Profile { get; } = CurrentProfile;

    public static Profile CurrentProfile =>
        Environment.GetEnvironmentVariable(ProfileVariable) switch
        {
            null or "" or "ci" => Profile.Ci,
            "full" => Profile.Full,
            var other => throw new InvalidOperationException($"{ProfileVariable}={other}: use ci or full"),
        };
}
