using System.Net;
using System.Text.Json;
using Cascade.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Web;

/// <summary>
/// The OpenAPI document against the routes the app really maps: no API route missing from it,
/// none in it that is not mapped, and every operation answering its success and at least one
/// refusal. A route added without its declarations, or a declaration left behind, fails here.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.App app) : IClassFixture<OpenApiDocumentTests.App>
{
    public sealed class App : ApiApp;

    private const string ApiPrefix = "/api/v1/";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<JsonElement> Document()
    {
        var admin = await app.Client();
        return await (await admin.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => Methods.Contains(op.Name))
            .Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    [Fact]
    public async Task The_document_lists_exactly_the_mapped_api_routes()
    {
        var documented = Operations(await Document()).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => e.Path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.Path}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(mapped.Count > 20, $"only {mapped.Count} API routes found");
        var undocumented = mapped.Except(documented).Order().ToList();
        var unmapped = documented.Except(mapped).Order().ToList();
        Assert.True(undocumented.Count == 0, "Mapped but not in /openapi/v1.json: " + string.Join(", ", undocumented));
        Assert.True(unmapped.Count == 0, "In /openapi/v1.json but not mapped: " + string.Join(", ", unmapped));
    }

    [Fact]
    public async Task Every_operation_lists_its_success_and_a_refusal_and_every_write_its_body()
    {
        var failures = new List<string>();
        foreach (var (method, path, operation) in Operations(await Document()))
        {
            var codes = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!codes.Any(c => c.StartsWith('2'))) failures.Add($"{method} {path}: no 2xx in [{string.Join(", ", codes)}]");
            if (!codes.Any(c => c.StartsWith('4'))) failures.Add($"{method} {path}: no 4xx in [{string.Join(", ", codes)}]");
            // Every route needs a credential or checks one, so every one can answer 401.
            if (!codes.Contains("401")) failures.Add($"{method} {path}: no 401");
            // The import's body is the workbook itself.
            var media = path.EndsWith("/import", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json";
            if (method is "POST" or "PATCH" or "PUT" && !path.EndsWith("/auth/logout", StringComparison.Ordinal)
                && (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty(media, out _)))
                failures.Add($"{method} {path}: no {media} request body");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Request_and_answer_shapes_are_named_with_their_fields()
    {
        var document = await Document();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (name, field) in new[] { ("NewTask", "title"), ("TaskChanges", "progress"), ("NewUnit", "parentId"), ("TaskDto", "version"), ("NewKiosk", "depth") })
            Assert.True(schemas.TryGetProperty(name, out var schema) && schema.GetProperty("properties").TryGetProperty(field, out _), $"{name}.{field}");
        var updatedAt = schemas.GetProperty("TaskDto").GetProperty("properties").GetProperty("updatedAt");
        Assert.True(updatedAt.GetProperty("format").GetString() == "date-time", updatedAt.ToString());
        var patch = document.GetProperty("paths").GetProperty("/api/v1/units/{id}/tasks/{taskId}").GetProperty("patch");
        Assert.True(patch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        foreach (var status in new[] { "400", "401", "403", "404", "412", "413", "415" })
            Assert.True(patch.GetProperty("responses").TryGetProperty(status, out _), $"PATCH task lacks {status}");
    }

    [Fact]
    public async Task The_reference_page_and_its_scripts_come_from_this_app_under_a_policy_that_allows_them()
    {
        var admin = await app.Client();
        // With its slash: without, it redirects there, and a client drops its Authorization header on a redirect.
        var page = await admin.GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEqual("", nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html);
        Assert.DoesNotContain("https://", policy);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.False(src.Contains("//", StringComparison.Ordinal), $"{src} is not served by this app");
            var script = await admin.GetAsync(new Uri(new Uri("http://localhost/api/reference/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        // The rest of the app keeps the strict policy.
        var other = await admin.GetAsync("/api/v1/me");
        Assert.DoesNotContain("nonce-", string.Join(";", other.Headers.GetValues("Content-Security-Policy")));
    }
}
