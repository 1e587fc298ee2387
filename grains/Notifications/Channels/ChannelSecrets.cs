using System.Net;

namespace Cascade.Notifications.Channels;

/// <summary>
/// What a channel keeps of a receiver's answer or an error: at most <see cref="MaxAnswer"/>
/// characters, with every secret it knows of (a secret, a password, a signature, a key in an
/// address) replaced by <see cref="Hidden"/>, as written and as URL-encoded.
/// </summary>
public sealed class ChannelSecrets(IEnumerable<string?> secrets)
{
    public const int MaxAnswer = 1000;
    public const string Hidden = "***";

    private readonly List<string> _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s))
        .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!), WebUtility.UrlEncode(s!) })
        .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>The values of the query parameters in <paramref name="url"/> named <paramref name="names"/> (企业微信's <c>key</c>, 钉钉's <c>access_token</c>).</summary>
    public static IEnumerable<string> QueryValues(string? url, params string[] names)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) yield break;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            if (names.Contains(Uri.UnescapeDataString(pair[..equals]), StringComparer.OrdinalIgnoreCase))
                yield return Uri.UnescapeDataString(pair[(equals + 1)..]);
        }
    }

    /// <summary>Another set with <paramref name="more"/> hidden as well (a signature made for one send).</summary>
    public ChannelSecrets With(params string?[] more) => new(_secrets.Concat(more));

    /// <summary><paramref name="text"/> without any secret, cut to <see cref="MaxAnswer"/> characters.</summary>
    public string? Clean(string? text)
    {
        if (text is null) return null;
        foreach (var secret in _secrets) text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        return text.Length <= MaxAnswer ? text : text[..MaxAnswer];
    }
}
