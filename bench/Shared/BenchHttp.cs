using System.Net.Http.Headers;

namespace Cascade.Bench.Shared;

/// <summary>The bench's HTTP side: plain HTTP/1.1 keep-alive connections to the in-process Kestrel.</summary>
public static class BenchHttp
{
    /// <summary>The admin's bearer token, set once the bench host is up: every request carries it, as a script's would.</summary>
    public static string? BearerToken { get; set; }

    public static HttpClient Create(int connections)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (BearerToken is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        return http;
    }

    /// <summary>Sends a JSON merge patch; returns the status code once the answer was read.</summary>
    public static async Task<int> PatchAsync(HttpClient http, string url, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public static async Task<int> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return (int)response.StatusCode;
    }
}
