using System.Text;

namespace Cascade.Notifications.Text;

/// <summary>
/// A message's words, ready to be written as plain text (mail), HTML (mail's alternative) or
/// markdown (企业微信, 钉钉). <see cref="More"/> items were left out after <see cref="NotifyText.MaxLines"/>.
/// </summary>
public sealed class NotifyContent(string title, IReadOnlyList<NotifyLine> lines, int more, NotifyWords words)
{
    public string Title { get; } = title;
    public IReadOnlyList<NotifyLine> Lines { get; } = lines;
    public int More { get; } = more;

    public string Plain()
    {
        var text = new StringBuilder().Append(Title).Append("\n\n");
        foreach (var line in Lines) text.Append(line.Plain()).Append('\n');
        if (More > 0) text.Append(words.More(More)).Append('\n');
        return text.Append('\n').Append(words.Footer).Append('\n').ToString();
    }

    public string Html()
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>").Append("<h3>").Append(Markup.Html(Title)).Append("</h3>");
        var items = Lines.Any(l => l.Head is not null);
        if (items) html.Append("<ul>");
        foreach (var line in Lines) html.Append(line.Html());
        if (items) html.Append("</ul>");
        if (More > 0) html.Append("<p>").Append(Markup.Html(words.More(More))).Append("</p>");
        return html.Append("<p><small>").Append(Markup.Html(words.Footer)).Append("</small></p></body></html>").ToString();
    }

    /// <summary>
    /// Markdown of at most <paramref name="maxBytes"/> bytes of UTF-8: lines that do not fit are
    /// left out from the end and counted in the "more" line; a single line too long for it alone is cut.
    /// </summary>
    public string Markdown(int maxBytes = int.MaxValue)
    {
        var lines = Lines.Select(l => l.Markdown()).ToList();
        var more = More;
        while (true)
        {
            var text = Compose(lines, more);
            if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
            if (lines.Count > 1)
            {
                lines.RemoveAt(lines.Count - 1);
                more++;
                continue;
            }
            var over = Encoding.UTF8.GetByteCount(text) - maxBytes;
            if (lines.Count == 1 && Encoding.UTF8.GetByteCount(lines[0]) > over + 3)
            {
                lines[0] = Markup.CutBytes(lines[0], Encoding.UTF8.GetByteCount(lines[0]) - over - 3) + "…";
                continue;
            }
            return Markup.CutBytes(text, maxBytes);
        }
    }

    private string Compose(List<string> lines, int more)
    {
        var text = new StringBuilder("### ").Append(Markup.Md(Title)).Append("\n\n");
        foreach (var line in lines) text.Append(line).Append('\n');
        if (more > 0) text.Append('\n').Append(Markup.Md(words.More(more))).Append('\n');
        return text.Append("\n> ").Append(Markup.Md(words.Footer)).ToString();
    }
}
