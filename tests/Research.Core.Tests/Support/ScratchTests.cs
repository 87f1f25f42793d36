using FluentAssertions;

namespace Research.Tests.Support;

public class ScratchTests
{
    [Fact]
    public void A_folder_whose_lock_is_held_is_kept_and_one_whose_lock_is_free_is_swept()
    {
        Scratch.Abandoned(Scratch.Root).Should().BeFalse("this process holds its lock");
        var gone = Path.Combine(Path.GetDirectoryName(Scratch.Root)!, "0-finished");
        Directory.CreateDirectory(gone);
        File.WriteAllText(Path.Combine(gone, ".session.lock"), "");
        try
        {
            Scratch.Abandoned(gone).Should().BeTrue("nobody holds its lock: its process is gone");
        }
        finally
        {
            Directory.Delete(gone, recursive: true);
        }
    }

    [Fact]
    public void Folders_left_before_sessions_had_locks_are_swept_after_a_day()
    {
        var old = TestSpecs.TempDir(); // no lock file of its own
        Scratch.Abandoned(old).Should().BeFalse("it was written just now");
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        Scratch.Abandoned(old).Should().BeTrue();
    }
}
