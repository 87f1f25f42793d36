using FluentAssertions;
using PuppeteerSharp;
using PuppeteerSharp.Input;
using Research.Reporting;
using Research.Reporting.Interactive;

namespace Research.Claims.Tests;

/// <summary>
/// report.html opened in a real browser (Debian's chromium, driven by PuppeteerSharp; `./build.sh test`
/// installs it when it is missing): with the network off it loads, logs no error, draws every interactive
/// figure, shows values under the cursor, zooms, and filters the summary table; its first screen at 1,400 px
/// holds the headline and the claims that do not hold (issue 18). The report is the session's ci one.
/// </summary>
public sealed class ReportBrowserTests(ClaimSession session)
{
    /// <summary>Where Debian installs the browser; RESEARCH_CHROMIUM names another.</summary>
    static string? Chromium() =>
        new[] { Environment.GetEnvironmentVariable("RESEARCH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    [Fact]
    public async Task OfflineTheHtmlReportLoadsWithoutErrorsDrawsEveryFigureAndLeadsWithTheDeviations()
    {
        var cancel = TestContext.Current.CancellationToken;
        var chromium = Chromium();
        chromium.Should().NotBeNull("the browser test needs chromium: ./build.sh test installs it (apt-get install chromium), or set RESEARCH_CHROMIUM");
        using var folder = new TempFolder();
        var report = ReportGenerator.Generate(session.Reproduction, session.Profile, folder.Path, cancel: cancel);
        var interactive = report.Data.Figures.Count(f => FigureChart.Json(f) is not null);
        interactive.Should().BeGreaterThan(0);

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) errors.Add(e.Message.Text); };
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetOfflineModeAsync(true);
        await page.SetRequestInterceptionAsync(true);
        var url = new Uri(report.Html).AbsoluteUri;
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == url || e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await e.Request.ContinueAsync();
            else
            {
                requests.Add(e.Request.Url);
                await e.Request.AbortAsync();
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 900 });
        await page.GoToAsync(url, WaitUntilNavigation.Load);

        var drawn = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('div.chart')].map(d => d.dataset.drawn || 'not drawn')");
        drawn.Should().HaveCount(interactive).And.OnlyContain(d => d == "true", "every interactive figure draws");
        (await page.EvaluateExpressionAsync<int>("document.querySelectorAll('div.chart canvas').length")).Should().BeGreaterThanOrEqualTo(interactive);

        // The first screen: the headline and the first claims that do not hold.
        var top = await page.EvaluateExpressionAsync<double>("document.getElementById('deviations').getBoundingClientRect().top");
        top.Should().BeLessThan(600, "at 1,400 px the claims that do not hold start on the first screen");
        // RESEARCH_SCREENSHOTS=<folder> keeps what the browser showed: the first screen and every interactive figure.
        var shots = Environment.GetEnvironmentVariable("RESEARCH_SCREENSHOTS");
        if (!string.IsNullOrEmpty(shots))
        {
            Directory.CreateDirectory(shots);
            await page.ScreenshotAsync(Path.Combine(shots, "first-screen.png"));
            foreach (var figure in await page.QuerySelectorAllAsync("figure:has(div.chart)"))
            {
                var id = await figure.EvaluateFunctionAsync<string>("f => f.id");
                await figure.ScreenshotAsync(Path.Combine(shots, $"{id}.png"));
            }
        }

        // Values under the cursor, then a zoom by dragging a box.
        await page.EvaluateExpressionAsync("document.querySelector('div.chart').scrollIntoView()");
        var box = await (await page.QuerySelectorAsync("div.chart .u-over"))!.BoundingBoxAsync();
        box.Should().NotBeNull();
        double x0 = (double)box!.X + (double)box.Width * 0.3, x1 = (double)box.X + (double)box.Width * 0.6, y = (double)box.Y + (double)box.Height * 0.5;
        var before = await page.EvaluateExpressionAsync<double[]>("[reportCharts[0].scales.x.min, reportCharts[0].scales.x.max]");
        await page.Mouse.MoveAsync((decimal)x0, (decimal)y);
        var legend = await page.EvaluateExpressionAsync<string[]>("[...document.querySelector('div.chart').querySelectorAll('.u-legend .u-value')].map(v => v.textContent)");
        legend.Should().Contain(v => v.Length > 0 && v != "–", "the legend shows the values under the cursor");
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((decimal)x1, (decimal)y + 40, new MoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        var after = await page.EvaluateExpressionAsync<double[]>("[reportCharts[0].scales.x.min, reportCharts[0].scales.x.max]");
        (after[1] - after[0]).Should().BeLessThan(before[1] - before[0], "dragging a box zooms in");

        // The summary table filters by verdict.
        var deviating = report.Data.Claims.Count(c => c.Verdict == Research.Specs.Verdict.Deviates);
        var shown = await page.EvaluateFunctionAsync<int>("""
            () => {
              const select = [...document.querySelectorAll('.filters select')].find(s => [...s.options].some(o => o.value.endsWith('deviates')));
              select.value = [...select.options].find(o => o.value.endsWith('deviates')).value;
              select.dispatchEvent(new Event('change'));
              return [...select.closest('.filters').nextElementSibling.querySelectorAll('tbody tr')].filter(r => !r.hidden).length;
            }
            """);
        shown.Should().Be(deviating, "filtering the summary by verdict shows the deviating claims only");

        errors.Should().BeEmpty("the page logs no error");
        requests.Should().BeEmpty("the page loads nothing: it is one self-contained offline file");
    }
}
