using System.Net;
using System.Text;

namespace Cascade.Tests.Support;

/// <summary>Requests from a chosen client address: TestServer lets a test set the connection's peer.</summary>
public static class AddressedRequests
{
    /// <summary>Sends a JSON body from <paramref name="address"/>, with extra headers if given.</summary>
    public static async Task<HttpResponseMessage> SendFrom(this CascadeApp app, string address, string method, string path, string? json,
        string? bearer = null, IDictionary<string, string>? headers = null)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            if (json is not null)
            {
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            }
            if (bearer is not null) c.Request.Headers.Authorization = $"Bearer {bearer}";
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) c.Request.Headers[name] = value;
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new StreamContent(context.Response.Body),
        };
        foreach (var (name, values) in context.Response.Headers) response.Headers.TryAddWithoutValidation(name, values.ToArray());
        return response;
    }

    /// <summary><c>POST /api/v1/auth/token</c> from <paramref name="address"/>.</summary>
    public static Task<HttpResponseMessage> SignInFrom(this CascadeApp app, string address, string username, string password,
        IDictionary<string, string>? headers = null) =>
        app.SendFrom(address, "POST", "/api/v1/auth/token", System.Text.Json.JsonSerializer.Serialize(new { username, password }), headers: headers);
}
