using FluentAssertions;
using Research.Runs;
using Research.Specs;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Claims.Tests;

/// <summary>
/// Every claim of experiments.yaml is one test, named after its section and id, trained for real
/// through the engine on the profile under test, and asserted against the verdict the spec records.
/// </summary>
public sealed class ClaimTests(ClaimSession session)
{
    public static IEnumerable<TheoryDataRow<string>> Claims()
    {
        var spec = SpecLoader.Load(RepoPaths.Discover().Spec);
        var profile = ClaimSession.CurrentProfile.ToString().ToLowerInvariant();
        foreach (var claim in spec.Claims.Values)
            yield return new TheoryDataRow<string>(claim.Id) { TestDisplayName = $"§{claim.Section} {claim.Id} [{profile}]" };
    }

    [Theory]
    [MemberData(nameof(Claims))]
    public void Claim(string id)
    {
        var claim = session.Engine.Spec.Claims[id];
        var result = session.Reproduction.Claim(id, session.Profile, cancel: TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        result.Verdict.Should().Be(result.Expected,
            $"the spec expects \"{claim.Quote}\" to be '{result.Expected.ToString().ToLowerInvariant()}' on this profile " +
            $"({claim.Rule}); measured on the {session.Profile.ToString().ToLowerInvariant()} profile: §{claim.Section} {claim.Id}: {result.Message}");
    }
}
