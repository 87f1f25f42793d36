using System.Globalization;
using System.Text;
using Research.Specs;

namespace Research.Diffs;

/// <summary>
/// A diff as the terminal shows it, within 80 columns: verdict changes first (claim, setting, a → b), then
/// numbers beyond their tolerance grouped by experiment and setting, then one count line. Keys counted
/// rather than listed are listed too when <c>all</c> is asked for.
/// </summary>
public static class DiffText
{
    const int KeyWidth = 32, NumberWidth = 9;

    public static string Write(ReproductionDiff diff, bool all = false)
    {
        var text = new StringBuilder();
        text.Append("a: ").Append(diff.ADescription).Append('\n').Append("b: ").Append(diff.BDescription).Append("\n\n");
        if (diff.Verdicts.Count > 0)
        {
            text.Append(Heading("Verdicts that changed", diff.Verdicts.Count));
            text.Append(Invariant($"  {"claim",-36} {"setting",-10}  a → b\n"));
            foreach (var v in diff.Verdicts)
            {
                var claim = $"§{v.Section} {v.Claim}";
                if (claim.Length > 36) text.Append("  ").Append(claim).Append('\n').Append(' ', 39);
                else text.Append(Invariant($"  {claim,-36} "));
                text.Append(Invariant($"{Variants.Parse(v.Setting)?.Words() ?? v.Setting,-10}  {Word(v.A)} → {Word(v.B)}{(v.VariesByCpu ? " *" : "")}\n"));
            }
            if (diff.Verdicts.Any(v => v.VariesByCpu))
                text.Append("  * recorded as varying between CPUs (varies_by_cpu): not a flip\n");
            text.Append('\n');
        }
        if (diff.Numbers.Count > 0)
        {
            text.Append(Heading("Numbers beyond their tolerance", diff.Numbers.Count));
            text.Append(Invariant($"  {"key",-KeyWidth} {"a",NumberWidth} {"b",NumberWidth} {"change",8}  tolerance\n"));
            foreach (var group in diff.Numbers.GroupBy(n => (n.Experiment, n.Setting)))
            {
                text.Append(group.Key.Experiment).Append(", ").Append(Variants.Parse(group.Key.Setting)?.Words() ?? group.Key.Setting).Append('\n');
                foreach (var n in group)
                {
                    if (n.Key.Length > KeyWidth) text.Append("  ").Append(n.Key).Append('\n').Append(' ', KeyWidth + 2);
                    else text.Append(Invariant($"  {n.Key,-KeyWidth}"));
                    text.Append(Invariant($" {Number(n.A),NumberWidth} {Number(n.B),NumberWidth} {Change(n.Relative),8}  {n.Tolerance}\n"));
                }
            }
            text.Append('\n');
        }
        if (all) AppendKeys(text, diff.Keys);
        text.Append(CountLine(diff)).Append('\n');
        return text.ToString();
    }

    /// <summary>"1 verdict flips, 2 change to or from pending; 12 numbers beyond tolerance, 340 within; 312 values only in b, …".</summary>
    public static string CountLine(ReproductionDiff diff)
    {
        var k = diff.Keys;
        var cpu = diff.Verdicts.Count(v => v.VariesByCpu && v.A is not null && v.B is not null);
        var pending = diff.Verdicts.Count - diff.Flips - cpu;
        var parts = new List<string>
        {
            (diff.Flips == 1 ? "1 verdict flips" : Invariant($"{diff.Flips:N0} verdicts flip")) +
            (cpu > 0 ? Invariant($", {cpu:N0} varying between CPUs") : "") +
            (pending > 0 ? Invariant($", {pending:N0} to or from pending") : ""),
            Invariant($"{diff.Numbers.Count:N0} {(diff.Numbers.Count == 1 ? "number" : "numbers")} beyond tolerance, {diff.Within:N0} within"),
        };
        void Count(int n, string what) { if (n > 0) parts.Add(Invariant($"{n:N0} {what}")); }
        Count(k.OnlyInA.Count, "values only in a");
        Count(k.OnlyInB.Count, "values only in b");
        Count(k.NotPinned.Count, "not pinned across machines");
        Count(k.OtherLength.Count, "series of another length");
        Count(k.RunKeys.Count, "run keys differ");
        Count(k.ClaimsOnlyInA.Count, "claim settings only in a");
        Count(k.ClaimsOnlyInB.Count, "claim settings only in b");
        var line = string.Join("; ", parts) + ".";
        return Wrap(line);
    }

    static void AppendKeys(StringBuilder text, DiffKeys keys)
    {
        foreach (var (title, list) in new[]
                 {
                     ("Only in a", keys.OnlyInA), ("Only in b", keys.OnlyInB), ("Not pinned across machines", keys.NotPinned),
                     ("Series of another length", keys.OtherLength), ("Run keys that differ", keys.RunKeys),
                     ("Claim settings only in a", keys.ClaimsOnlyInA), ("Claim settings only in b", keys.ClaimsOnlyInB),
                 })
        {
            if (list.Count == 0) continue;
            text.Append(Heading(title, list.Count));
            foreach (var key in list) text.Append("  ").Append(key).Append('\n');
            text.Append('\n');
        }
    }

    static string Heading(string title, int n) => Invariant($"{title} ({n:N0}):\n");

    static string Word(Verdict? v) => v?.ToString().ToLowerInvariant() ?? "pending";

    static string Number(double v) => v.ToString(Math.Abs(v) >= 1e6 || (v != 0 && Math.Abs(v) < 1e-3) ? "G3" : "G5", CultureInfo.InvariantCulture);

    static string Change(double? relative) => relative is not { } r ? "—"
        : Math.Abs(r) >= 10 ? Invariant($"×{1 + r:G3}") : Invariant($"{r * 100:+0.0;-0.0} %");

    /// <summary>Breaks a long line at "; " so it stays within 80 columns.</summary>
    static string Wrap(string line)
    {
        var result = new StringBuilder();
        var current = 0;
        foreach (var part in line.Split("; "))
        {
            if (current > 0 && current + part.Length + 2 > 80) { result.Append(";\n"); current = 0; }
            else if (current > 0) { result.Append("; "); current += 2; }
            result.Append(part);
            current += part.Length;
        }
        return result.ToString();
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
