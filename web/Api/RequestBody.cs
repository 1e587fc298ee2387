using System.Net.Http.Headers;
using System.Text.Json;

namespace Cascade.Web.Api;

/// <summary>
/// A JSON request body read under the transport rules of api.md: 415 for a wrong content
/// type and 413 above 64 KiB come first; a parse failure is kept as an error and reported
/// only after the route's ids were found (404 wins over 400).
/// </summary>
public sealed class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    private RequestBody(JsonElement? root, string? parseError) => (Root, ParseError) = (root, parseError);

    public JsonElement? Root { get; }
    public string? ParseError { get; }

    /// <summary>The body, or the 413/415 problem that stops the request.</summary>
    public static async Task<(RequestBody? Body, IResult? Refusal)> ReadAsync(HttpContext context, bool mergePatch = false)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media)
            || !(media.MediaType == "application/json" || mergePatch && media.MediaType == "application/merge-patch+json"))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                mergePatch ? "Send the body as application/json or application/merge-patch+json."
                           : "Send the body as application/json."));
        if (context.Request.ContentLength > MaxBytes) return (null, TooLarge());

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return (null, TooLarge());
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return (new RequestBody(document.RootElement.Clone(), null), null);
        }
        catch (JsonException error)
        {
            return (new RequestBody(null, $"The body is not valid JSON: {error.Message}"), null);
        }
    }

    private static IResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The body may be at most {MaxBytes / 1024} KiB.");
}
