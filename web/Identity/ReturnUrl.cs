using System.Text;

namespace Cascade.Web.Identity;

/// <summary>
/// Where the sign-in form sends a person back to: a path on this site or nowhere (no open
/// redirect). Browsers forgive a lot in a <c>Location</c>: they drop tabs and line breaks, read
/// <c>\</c> as <c>/</c> and <c>//host</c> as another site, so anything but a plain local path
/// goes to <see cref="Default"/>. What is kept is made header-safe ASCII: non-ASCII and spaces
/// are percent-encoded as UTF-8, which browsers read back as the same path.
/// </summary>
public static class ReturnUrl
{
    /// <summary>Where a person goes without a target: the workbench, which is what someone signing in wants.</summary>
    public const string Default = "/app";

    /// <summary>Longer targets are not links anyone followed.</summary>
    public const int MaxLength = 2048;

    public static string Local(string? returnUrl)
    {
        if (returnUrl is not { Length: > 0 and <= MaxLength } url || url[0] != '/') return Default;
        if (url.Length > 1 && url[1] is '/' or '\\') return Default;
        for (var i = 0; i < url.Length; i++)
        {
            if (char.IsHighSurrogate(url[i]) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])) { i++; continue; }
            if (url[i] == '\\' || char.IsControl(url[i]) || char.IsSurrogate(url[i])) return Default;
        }
        return Encode(url);
    }

    private static string Encode(string url)
    {
        var ascii = true;
        foreach (var c in url) ascii &= c is > ' ' and < (char)0x7F;
        if (ascii) return url;
        var text = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is > ' ' and < (char)0x7F) { text.Append(c); continue; }
            var length = char.IsHighSurrogate(c)
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
