using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Inspect;

/// <summary>
/// One inspection through the HTTP route, as an overseer's script would: <c>POST /api/v1/inspections</c>
/// (202, <c>capturing</c>), then <c>GET /api/v1/inspections/{id}</c> every 100 ms until it answers
/// <c>captured</c>. The time counted runs from sending the POST to the GET that saw <c>captured</c>.
/// </summary>
public sealed class CaptureRun(HttpClient http, Uri address)
{
    public sealed record Outcome(
        HttpStatusCode Posted, TimeSpan PostAnswered, TimeSpan? Captured, PhaseStats Stats,
        DateTimeOffset? TakenAt, DateTimeOffset? CapturedAt, int Units, int? FrozenTasks, int? FrozenUnits)
    {
        /// <summary>The server's own span: <c>takenAt</c> (the directory read) to <c>capturedAt</c> (the seal).</summary>
        public TimeSpan? ServerSpan => CapturedAt - TakenAt;
    }

    public async Task<Outcome> RunAsync(string id, string title, string period, TimeSpan giveUp)
    {
        var meter = PhaseMeter.Start();
        var sent = Stopwatch.GetTimestamp();
        using var posted = await http.PostAsJsonAsync(new Uri(address, "/api/v1/inspections"), new { id, title, period });
        var postAnswered = Stopwatch.GetElapsedTime(sent);
        if (posted.StatusCode != HttpStatusCode.Accepted)
            return new Outcome(posted.StatusCode, postAnswered, null, meter.Stop(0), null, null, 0, null, null);
        var url = new Uri(address, $"/api/v1/inspections/{id}");
        while (Stopwatch.GetElapsedTime(sent) < giveUp)
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                var seen = Stopwatch.GetElapsedTime(sent);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.GetProperty("state").GetString() == "captured")
                {
                    var stats = meter.Stop(body.GetProperty("units").GetInt32());
                    var summary = body.GetProperty("summary");
                    return new Outcome(posted.StatusCode, postAnswered, seen, stats,
                        body.GetProperty("takenAt").GetDateTimeOffset(), body.GetProperty("capturedAt").GetDateTimeOffset(),
                        body.GetProperty("units").GetInt32(),
                        summary.ValueKind == JsonValueKind.Object ? summary.GetProperty("all").GetProperty("count").GetInt32() : null,
                        summary.ValueKind == JsonValueKind.Object ? summary.GetProperty("units").GetInt32() : null);
                }
            }
            await Task.Delay(100);
        }
        return new Outcome(posted.StatusCode, postAnswered, null, meter.Stop(0), null, null, 0, null, null);
    }
}
