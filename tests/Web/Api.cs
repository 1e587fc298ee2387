using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>Requests and assertions shared by the HTTP contract tests.</summary>
public static class Api
{
    public const string Units = "/api/v1/units";

    private static int _next;

    /// <summary>An id no other test uses, so tests sharing one app (and theory cases) never collide.</summary>
    public static string Id(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next)}";

    public static string Tasks(string unitId) => $"/api/v1/units/{unitId}/tasks";
    public static string Task(string unitId, string taskId) => $"/api/v1/units/{unitId}/tasks/{taskId}";

    /// <summary>Sends <paramref name="body"/> as raw text with exactly the given content type (none when null).</summary>
    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, string? body,
        string? contentType = "application/json", string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, string body, string? contentType = "application/json") =>
        client.Send(HttpMethod.Post, url, body, contentType);

    public static Task<HttpResponseMessage> Patch(this HttpClient client, string url, string body,
        string? contentType = "application/json", string? ifMatch = null) =>
        client.Send(HttpMethod.Patch, url, body, contentType, ifMatch);

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string url, string? ifMatch = null) =>
        client.Send(HttpMethod.Delete, url, null, null, ifMatch);

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Asserts the status and reads the body.</summary>
    public static async Task<JsonElement> Expect(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with this status, title and detail; returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "the problem has a title");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "the problem has a detail");
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name every given field.</summary>
    public static async Task<JsonElement> Invalid(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors names '{field}': {errors}");
            Assert.True(messages.GetArrayLength() > 0, $"errors['{field}'] has a message");
        }
        return problem;
    }

    /// <summary>The raw body of a GET that must succeed, for before/after comparisons.</summary>
    public static async Task<string> Snapshot(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>
    /// Everything a rejected write could touch for a unit: the unit list, its children, its tasks
    /// and the totals of its summary (not the figures that move with the clock on their own).
    /// </summary>
    public static async Task<string> State(this HttpClient client, string unitId)
    {
        var summary = JsonDocument.Parse(await client.Snapshot($"{Units}/{unitId}/summary")).RootElement;
        var all = summary.GetProperty("all");
        return string.Join("\n",
            await client.Snapshot(Units),
            await client.Snapshot($"{Units}?parent={unitId}"),
            await client.Snapshot(Tasks(unitId)),
            string.Join(",", new[] { "count", "weight", "done", "blocked", "progress" }.Select(f => all.GetProperty(f).GetRawText())),
            summary.GetProperty("units").GetRawText());
    }

    public static async Task<JsonElement> CreateUnit(this HttpClient client, string id, string? parentId = ApiApp.Root,
        string kind = "branch", string? name = null)
    {
        var response = await client.PostAsJsonAsync(Units, new { id, parentId, name = name ?? $"Unit {id}", kind });
        return await response.Expect(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> CreateTask(this HttpClient client, string unitId, string id,
        string track = "party", double weight = 1, string start = "2026-06-01", string due = "2026-12-31", string note = "")
    {
        var response = await client.PostAsJsonAsync(Tasks(unitId), new { id, title = $"Task {id}", track, weight, start, due, note });
        return await response.Expect(HttpStatusCode.Created);
    }
}
