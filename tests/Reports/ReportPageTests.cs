using System.Text;
using System.Text.RegularExpressions;
using Cascade.Tests.E2E;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.Reports;

/// <summary>
/// The printable year report <c>/report</c> in Debian's Chromium: an editor follows the workbench's
/// 年度报告 link, signs in, and the page shows the department and the year in its header and the
/// sections as tables; at A4 in print media nothing is wider than the page, and Chromium prints it
/// to a PDF.
/// </summary>
public sealed class ReportPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    /// <summary>Where the printed report is kept for a look (not checked in).</summary>
    public static readonly string Printed = Path.Combine(Path.GetTempPath(), "cascade-report", "report.pdf");

    [Fact]
    public async Task The_printable_report_has_its_header_fits_A4_and_prints_to_pdf()
    {
        var branch = await server.Branch("第一党支部");
        var other = await server.Branch("第二党支部（锐科技·心服务）");
        var year = DateTime.UtcNow.Year;
        await server.Task(branch, "plan", "年度党建工作计划", "party", start: $"{year}-01-01", due: $"{year}-02-01");
        (await server.Admin.PatchAsync(Api.Task(branch, "plan"), new StringContent("""{"status":"done","progress":100}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await server.Task(other, "study", "科研项目中期检查", "business", start: $"{year}-01-01", due: $"{year}-12-31");
        var editor = await server.Editor(branch);

        // The workbench links to the unit's report.
        var bench = await _browser.NewPage(new() { Width = 1280, Height = 900 });
        await _browser.SignIn(bench, editor, $"/app?unit={branch}");
        Assert.Equal($"/report?unit={branch}", await bench.Locator("#report-link").GetAttributeAsync("href"));

        var page = await _browser.NewPage(new() { Width = 794, Height = 1123 }); // A4 at 96 dpi
        var path = $"/report?unit={WorkbenchServer.Committee}&year={year}&depth=1";
        await page.GotoAsync(server.Url(path));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", editor);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex("ready"));

        Assert.Equal("测试厅党组", await page.Locator("#department").TextContentAsync());
        Assert.Contains($"{year} 年度工作报告", await page.Locator("#title").TextContentAsync());
        Assert.Contains("机关党委", await page.Locator("#subtitle").TextContentAsync());
        Assert.Equal(7, await page.Locator("section.report-section").CountAsync());
        var firstTable = await page.Locator("section.report-section").First.Locator("tbody tr").AllTextContentsAsync();
        Assert.Contains(firstTable, r => r.Contains("第一党支部"));

        // Every printed page: the department and the year at the top, page numbers at the bottom.
        Assert.True(await page.EvaluateAsync<bool>(
            """
            () => [...document.styleSheets].some((s) => s.href?.endsWith('/report/report.css')
              && [...s.cssRules].some((r) => r.cssText.includes('@top-center') && r.cssText.includes('测试厅党组'))
              && [...s.cssRules].some((r) => r.cssText.includes('@bottom-center') && r.cssText.includes('counter(pages)')))
            """), "the running header and the page numbers are in the page's print rules");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var overflow = await page.EvaluateAsync<string[]>(
            """
            () => [document.documentElement, ...document.querySelectorAll('table, section, header')]
                .filter((e) => e.scrollWidth > e.clientWidth + 1)
                .map((e) => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)
            """);
        Assert.True(overflow.Length == 0, string.Join("\n", overflow));

        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count >= 1, "the PDF has pages");
        Directory.CreateDirectory(Path.GetDirectoryName(Printed)!);
        await File.WriteAllBytesAsync(Printed, pdf);
        _browser.NoViolations();
    }
}
