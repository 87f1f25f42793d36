using System.Reflection;

namespace Research.Reporting.Interactive;

/// <summary>
/// What report.html inlines to draw its figures: uPlot (1.6.32, MIT; Assets/uplot, fetched from the npm registry
/// by build/vendor-uplot.sh and committed, so a page is byte-identical and offline anywhere), its CSS, and the
/// page's own script. The script draws every <c>div.chart</c> from the JSON next to it
/// (<see cref="FigureChart"/>): values of every series at the cursor in the legend, a click on a legend entry
/// hides or shows it, a box drawn with the mouse zooms (a double click zooms back out), and a check box shows
/// or hides the faint series (the other seeds). A drawn chart is marked <c>data-drawn</c>; the browser test
/// reads that mark.
/// </summary>
internal static class ChartAssets
{
    public static string Library { get; } = Read("uPlot.iife.min.js");

    public static string Css { get; } = Read("uPlot.min.css");

    static string Read(string name)
    {
        using var stream = typeof(ChartAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from {typeof(ChartAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    public const string Script = """
        (() => {
          const fmt = v => v == null ? '–'
            : Number.isInteger(v) && Math.abs(v) < 1e9 ? v.toLocaleString('en-US')
            : Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : +v.toPrecision(4) + '';
          const charts = [];
          document.querySelectorAll('div.chart').forEach(div => {
            try {
              const spec = JSON.parse(document.getElementById(div.dataset.chart).textContent);
              const scale = a => ({ time: false, distr: a && a.log ? 3 : 1 });
              const series = [{ label: spec.x.label, value: (u, v) => fmt(v) }];
              spec.series.forEach(s => series.push({
                label: s.label,
                stroke: s.faint ? s.color + '55' : s.color,
                width: s.faint ? 1 : 2,
                dash: s.dashed ? [6, 4] : undefined,
                scale: s.right ? 'y2' : 'y',
                spanGaps: true,
                paths: s.noLine ? () => null : undefined,
                points: s.points ? { show: true, size: 6, fill: s.color, stroke: s.color } : { show: false },
                value: (u, v) => fmt(v),
              }));
              const axes = [
                { label: spec.x.label, values: (u, vals) => vals.map(fmt) },
                { label: spec.y.label, values: (u, vals) => vals.map(fmt), size: 70 },
              ];
              const scales = { x: scale(spec.x), y: scale(spec.y) };
              if (spec.y2) { scales.y2 = scale(spec.y2); axes.push({ scale: 'y2', side: 1, label: spec.y2.label, grid: { show: false }, values: (u, vals) => vals.map(fmt), size: 70 }); }
              const faint = spec.series.map((s, i) => s.faint ? i + 1 : 0).filter(i => i > 0);
              if (faint.length > 0) {
                const bar = document.createElement('label'), box = document.createElement('input');
                box.type = 'checkbox'; box.checked = true; bar.className = 'chart-bar';
                bar.append(box, ' show the other seeds (' + faint.length + ' faint series)');
                div.before(bar);
                box.addEventListener('change', () => faint.forEach(i => plot.setSeries(i, { show: box.checked })));
              }
              const opts = {
                width: Math.max(320, div.clientWidth), height: 380, series, axes, scales,
                cursor: { drag: { x: true, y: true, uni: 30 } },
                legend: { live: true },
              };
              const data = [spec.xs, ...spec.series.map(s => s.ys)];
              const plot = new uPlot(opts, data, div);
              // The faint series stay out of the legend, where twenty seeds would bury the rest; the check box toggles them.
              const rows = div.querySelectorAll('.u-legend .u-series');
              faint.forEach(i => { if (rows[i]) rows[i].style.display = 'none'; });
              charts.push([plot, div]);
              (window.reportCharts = window.reportCharts || []).push(plot);
              div.dataset.drawn = 'true';
            } catch (e) {
              div.dataset.drawn = 'failed';
              div.textContent = 'This figure could not be drawn (' + e + '); its PNG is below.';
              console.error(e);
            }
          });
          window.addEventListener('resize', () => charts.forEach(([p, d]) => p.setSize({ width: Math.max(320, d.clientWidth), height: 380 })));
        })();
        """;
}
