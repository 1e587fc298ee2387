using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Http;

/// <summary>
/// A JSON request body read under the transport rules of docs/api.md: 415 for a wrong content
/// type and 413 above 64 KiB come first; a parse failure is kept as an error and reported
/// only after the route's ids were found (404 wins over 400).
/// </summary>
public sealed class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    private RequestBody(JsonElement? root, string? parseError) => (Root, ParseError) = (root, parseError);

    /// <summary>A repeated name would let the body mean two things; which one wins is not the client's to guess.</summary>
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    public JsonElement? Root { get; }

    /// <summary>A body already parsed, for the readers' tests.</summary>
    internal static RequestBody Of(JsonElement root) => new(root, null);
    public string? ParseError { get; }

    /// <summary>The body, or the 413/415 problem that stops the request.</summary>
    public static async Task<(RequestBody? Body, ProblemHttpResult? Refusal)> ReadAsync(HttpContext context, bool mergePatch = false)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media)
            || !(Is(media, "application/json") || mergePatch && Is(media, "application/merge-patch+json")))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                mergePatch ? "Send the body as application/json or application/merge-patch+json."
                           : "Send the body as application/json."));
        if (context.Request.ContentLength > MaxBytes) return (null, TooLarge());

        // A pooled buffer sized to the body (grown while reading one of unknown length), returned
        // when the response is done; the parsed document reads from it in place.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(context.Request.ContentLength ?? 4096, MaxBytes) + 1);
        var length = 0;
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > MaxBytes) return (null, TooLarge());
                if (length == buffer.Length) buffer = Grow(buffer);
            }
        }
        finally
        {
            context.Response.RegisterForDispose(new Returned(buffer));
        }
        var bytes = buffer.AsMemory(0, length);
        // JSON text is UTF-8 (RFC 8259); the parser leaves string contents unchecked until read.
        if (!Utf8.IsValid(bytes.Span)) return (new RequestBody(null, "The body is not valid UTF-8."), null);
        try
        {
            var document = JsonDocument.Parse(bytes, Options);
            context.Response.RegisterForDispose(document);
            if (!IsText(document.RootElement)) return (new RequestBody(null, NotText), null);
            return (new RequestBody(document.RootElement, null), null);
        }
        catch (JsonException error)
        {
            return (new RequestBody(null, $"The body is not valid JSON: {error.Message}"), null);
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check reads names as text, so a name like "\ud800" fails while parsing.
            return (new RequestBody(null, NotText), null);
        }
    }

    /// <summary>Media types are case-insensitive (RFC 9110 8.3.1): <c>Application/JSON</c> is JSON.</summary>
    private static bool Is(MediaTypeHeaderValue media, string type) => string.Equals(media.MediaType, type, StringComparison.OrdinalIgnoreCase);

    private const string NotText = "The body escapes a lone surrogate (such as \\ud800); strings must be Unicode text.";

    /// <summary>
    /// False when a string or property name escapes a lone surrogate: valid JSON, but reading it
    /// as text throws, so it is refused here rather than wherever a field is read.
    /// </summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString() is not null,
                JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && IsText(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsText),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private sealed class Returned(byte[] buffer) : IDisposable
    {
        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The body may be at most {MaxBytes / 1024} KiB.");
}
