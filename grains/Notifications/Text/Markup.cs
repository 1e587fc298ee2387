using System.Net;
using System.Text;

namespace Cascade.Notifications.Text;

/// <summary>
/// Escaping of what people typed (unit names, task titles) for each markup a message is written
/// in, so a title cannot add a link, a heading or an @-mention (企业微信's <c>&lt;@userid&gt;</c>).
/// </summary>
public static class Markup
{
    /// <summary>Markdown text: markup characters backslash-escaped; angle brackets (mentions, HTML) as full-width ones; line breaks as spaces.</summary>
    public static string Md(string text)
    {
        var md = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '[' or ']' or '#' or '~' or '|':
                    md.Append('\\').Append(c);
                    break;
                case '<':
                    md.Append('＜');
                    break;
                case '>':
                    md.Append('＞');
                    break;
                case '\r' or '\n':
                    md.Append(' ');
                    break;
                default:
                    md.Append(c);
                    break;
            }
        return md.ToString();
    }

    /// <summary>A link's address inside markdown's parentheses: parentheses, spaces and angle brackets percent-encoded.</summary>
    public static string MdUrl(string url) => url.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20").Replace("<", "%3C").Replace(">", "%3E");

    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="maxBytes"/> bytes of UTF-8, never splitting a character.</summary>
    public static string CutBytes(string text, int maxBytes)
    {
        if (maxBytes <= 0) return "";
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > maxBytes) break;
            bytes += size;
            i += width;
        }
        return text[..i];
    }
}
