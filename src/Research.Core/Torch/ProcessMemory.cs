namespace Research.Torch;

/// <summary>Resident memory of this process, native allocations included (from /proc on Linux).</summary>
public static class ProcessMemory
{
    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long Resident => Read("VmRSS:") ?? Environment.WorkingSet;

    /// <summary>Peak resident set size in bytes (VmHWM).</summary>
    public static long PeakResident => Read("VmHWM:") ?? Environment.WorkingSet;

    static long? Read(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            if (line == null) return null;
            var kb = long.Parse(line[field.Length..].Trim().Split(' ')[0]);
            return kb * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
