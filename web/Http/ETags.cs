namespace Cascade.Web.Http;

/// <summary>
/// The one way an entity tag is written (RFC 9110 8.8.3: a strong tag is a quoted string):
/// a task's version, or a file's change time and length. <c>If-Match</c> is compared by the
/// grain against the same quoted form, so every writer of the header must agree on it.
/// </summary>
public static class ETags
{
    /// <summary>The strong ETag of a stored version: <c>"7"</c>.</summary>
    public static string Of(long version) => Quote(version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The strong ETag of a file, from what changes when its content does.</summary>
    public static string Of(DateTimeOffset lastModified, long length) => Quote($"{lastModified.UtcTicks:x}-{length:x}");

    private static string Quote(string opaque) => $"\"{opaque}\"";
}
