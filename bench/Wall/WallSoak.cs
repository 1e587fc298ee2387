using System.Diagnostics;
using System.Text.Json;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Microsoft.Playwright;

namespace Cascade.Bench.Wall;

/// <summary>
/// The wall page left running: the demo department with updates flowing over HTTP, <c>/wall</c>
/// open in Debian's Chromium, and the page's JS heap after a forced collection read every
/// minute. A page that leaks grows here long before a wall on site runs out of memory.
/// </summary>
public static class WallSoak
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private sealed record Reading(int Minute, long UsedHeap, long TotalHeap, long PerformanceMemory, int Nodes, int Listeners, int Documents, long Rss, double BrowserCpu, string Shown);

    private static void Log(string line) => WallBenchmark.Log(line);

    public static async Task<int> RunAsync(WallOptions options)
    {
        GcLog.Start();
        Log($"Cascade wall soak: the demo department, {options.SoakRate:N0} updates/s over HTTP, /wall?unit=kjt&depth={options.Depth} in Chromium for {options.Minutes} min");
        Log($"Machine: {Machine.Describe()}");
        Log($"Product: {SourceVersion.Describe()}");
        if (!File.Exists(options.Chromium))
        {
            Console.Error.WriteLine($"{options.Chromium} is missing: apt-get update && apt-get install -y chromium");
            return 3;
        }
        await using var host = await BenchHost.StartAsync(options.KeepData, WallSetup.HostSettings(demo: true));
        var setup = await WallSetup.DemoAsync(host, Log);
        var kiosk = await WallSetup.KioskAsync(host, setup.RootId, options.Depth);
        var pageUrl = new Uri(host.Address, $"/wall?unit={setup.RootId}&depth={options.Depth}&kiosk={Uri.EscapeDataString(kiosk)}").ToString();
        using var http = BenchHttp.Create(64);
        if (await BenchHttp.GetAsync(http, pageUrl) is var status and not 200)
        {
            Console.Error.WriteLine($"GET {pageUrl} answered {status}: the wall page is not there, nothing to soak.");
            return 4;
        }

        Log($"Wall page files: {PageFingerprint()}");

        var profile = Path.Combine(Path.GetTempPath(), $"cascade-soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        // Chromium (and the Playwright driver) would otherwise write into the home directory.
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(profile, "config"));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(profile, "cache"));
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.Chromium,
                Headless = true,
                Args = ChromiumArgs,
                Env = new Dictionary<string, string>
                {
                    ["XDG_CONFIG_HOME"] = Path.Combine(profile, "config"),
                    ["XDG_CACHE_HOME"] = Path.Combine(profile, "cache"),
                },
            });
            Log($"Chromium {browser.Version} launched");
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            var page = await context.NewPageAsync();
            var (consoleErrors, pageErrors) = (0, 0);
            var firstErrors = new List<string>();
            void Note(string what)
            {
                lock (firstErrors) if (firstErrors.Count < 10) firstErrors.Add(what);
            }
            page.Console += (_, message) =>
            {
                if (message.Type != "error") return;
                Interlocked.Increment(ref consoleErrors);
                Note($"console: {message.Text}");
            };
            page.PageError += (_, error) =>
            {
                Interlocked.Increment(ref pageErrors);
                Note($"page error: {error}");
            };
            await page.GotoAsync(pageUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await Task.Delay(TimeSpan.FromSeconds(5)); // connect, Watch, first paint
            Log($"Page open: {pageUrl}");

            var duration = TimeSpan.FromMinutes(options.Minutes);
            var loading = OpenLoop.RunAsync(options.SoakRate, 64, duration + TimeSpan.FromSeconds(5), options.Seed,
                setup.Load.Next, update => BenchHttp.PatchAsync(http, update.Url, update.Body));
            var readings = new List<Reading> { await Read(page, cdp, 0) };
            Print(readings[^1], readings[0]);
            var start = Stopwatch.GetTimestamp();
            for (var minute = 1; minute <= options.Minutes; minute++)
            {
                var due = TimeSpan.FromMinutes(minute) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due);
                readings.Add(await Read(page, cdp, minute));
                Print(readings[^1], readings[0]);
            }
            var load = (await loading).Load;
            Log($"Updates: {load.Succeeded:N0} 2xx at {load.Rate:F1}/s, failures {load.DescribeFailures()}; console errors {consoleErrors}, page errors {pageErrors}");
            foreach (var error in firstErrors) Log($"  {error}");

            var reference = readings.FirstOrDefault(r => r.Minute == 5) ?? readings.First(r => r.Minute >= 1);
            var last = readings[^1];
            var ratio = (double)last.UsedHeap / reference.UsedHeap;
            Console.WriteLine();
            Console.WriteLine("| Minute | JS heap used (after GC, Runtime.getHeapUsage) | performance.memory.usedJSHeapSize | DOM nodes | listeners | Chromium CPU in the minute before | bench RSS |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            for (var i = 0; i < readings.Count; i++)
            {
                var r = readings[i];
                var cpu = i == 0 ? "" : $"{(r.BrowserCpu - readings[i - 1].BrowserCpu) / 60:F2} cores";
                Console.WriteLine($"| {r.Minute} | {r.UsedHeap / 1024.0 / 1024:F2} MB | {r.PerformanceMemory / 1024.0 / 1024:F2} MB | {r.Nodes:N0} | {r.Listeners:N0} | {cpu} | {ProcessFacts.Mb(r.Rss)} |");
            }
            Console.WriteLine();
            Console.WriteLine($"Machine: {Machine.Describe()}; Chromium {browser.Version}; date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm 'UTC'}");
            Console.WriteLine($"Heap at minute {last.Minute} / heap at minute {reference.Minute}: {ratio:F3} ({(ratio - 1) * 100:+0.0;-0.0} %)");
            var verdict = options.Minutes >= 60 && reference.Minute == 5 ? (Math.Abs(ratio - 1) <= 0.10 ? "met" : "NOT met") : "n/a, shorter than an hour (unverified)";
            Console.WriteLine($"  [{verdict}] wall page JS heap after 1 hour within 10 % of its level after 5 min: {ratio:F3} after {last.Minute} min");
            await cdp.DetachAsync();
            return 0;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<Reading> Read(IPage page, ICDPSession cdp, int minute)
    {
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var heap = await cdp.SendAsync("Runtime.getHeapUsage");
        var dom = await cdp.SendAsync("Memory.getDOMCounters");
        var performanceMemory = await page.EvaluateAsync<double>("() => performance.memory ? performance.memory.usedJSHeapSize : -1");
        var shown = await page.EvaluateAsync<string>(
            "() => [document.getElementById('org-name')?.textContent, document.querySelector('#org-health .figures')?.textContent, " +
            "document.getElementById('cover')?.hidden ? 'cover hidden' : 'COVER SHOWN', document.getElementById('banner')?.hidden === false ? 'BANNER: ' + document.getElementById('banner').textContent : 'no banner', " +
            "(document.querySelectorAll('#recent li').length) + ' ticker items'].join(' | ')");
        return new Reading(minute, Long(heap, "usedSize"), Long(heap, "totalSize"), (long)performanceMemory,
            Int(dom, "nodes"), Int(dom, "jsEventListeners"), Int(dom, "documents"), ProcessFacts.Rss, ChildProcesses.CpuSeconds("chrom"), shown);
    }

    /// <summary>The page is still changing: name the version measured (a hash of wall.html and wall/*, and the newest file's time).</summary>
    private static string PageFingerprint()
    {
        var root = BenchHost.WebRoot;
        if (root is null) return "no web root found";
        var files = new[] { Path.Combine(root, "wall.html") }
            .Concat(Directory.Exists(Path.Combine(root, "wall")) ? Directory.GetFiles(Path.Combine(root, "wall")).Order(StringComparer.Ordinal) : [])
            .Where(File.Exists).ToList();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files) hash.AppendData(File.ReadAllBytes(file));
        var newest = files.Max(File.GetLastWriteTimeUtc);
        return $"{files.Count} files in {root}, sha256 {Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}, newest changed {newest:yyyy-MM-dd HH:mm} UTC";
    }

    private static long Long(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) ? (long)value.GetDouble() : -1;

    private static int Int(JsonElement? element, string name) => (int)Long(element, name);

    private static void Print(Reading r, Reading first) =>
        Log($"minute {r.Minute,3}: Chromium CPU so far {r.BrowserCpu:F1} s; JS heap {r.UsedHeap / 1024.0 / 1024:F2} MB used after GC (of {r.TotalHeap / 1024.0 / 1024:F2} MB; {(double)r.UsedHeap / first.UsedHeap:F3}x minute 0), " +
            $"performance.memory {r.PerformanceMemory / 1024.0 / 1024:F2} MB, DOM nodes {r.Nodes:N0}, listeners {r.Listeners:N0}, documents {r.Documents}; bench RSS {ProcessFacts.Mb(r.Rss)}; shows: {r.Shown}");
}
