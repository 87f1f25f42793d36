using FluentAssertions;

namespace Research.Tests.Support;

public class ScratchTests
{
    [Fact]
    public void This_process_folder_is_kept_and_a_finished_process_folder_is_swept()
    {
        Scratch.Abandoned(Path.GetFileName(Scratch.Root), DateTime.UtcNow.AddDays(-3)).Should().BeFalse("this process is running");
        // Same pid, another start time: the id was recycled, the session that owned the folder is gone.
        Scratch.Abandoned($"{Environment.ProcessId}-20000101000000", DateTime.UtcNow).Should().BeTrue();
    }

    [Fact]
    public void Folders_left_by_older_sessions_are_swept_after_a_day()
    {
        Scratch.Abandoned("0a1b2c3d4e5f", DateTime.UtcNow.AddHours(-1)).Should().BeFalse();
        Scratch.Abandoned("0a1b2c3d4e5f", DateTime.UtcNow.AddDays(-2)).Should().BeTrue();
    }
}
