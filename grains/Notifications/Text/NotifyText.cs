using Cascade.Alerts;

namespace Cascade.Notifications.Text;

/// <summary>
/// What a message says, in its route's language: a title and one line per item (the event, the
/// severity, the unit's path, the rule in words, the alert's sentence with its figures and the
/// link to the ledger filtered on it), at most <see cref="MaxLines"/> lines and then how many
/// more, and who sends it: the system. Never a response time, a read receipt or a person's name.
/// </summary>
public static class NotifyText
{
    /// <summary>Item lines in one message; a digest or a big group says how many more there are.</summary>
    public const int MaxLines = 20;

    /// <summary>The content of <paramref name="message"/>. <paramref name="publicUrl"/> (<c>Cascade:PublicUrl</c>, may be null) is named by a test message; <paramref name="zone"/> (<c>Cascade:TimeZone</c>) dates a digest.</summary>
    public static NotifyContent Of(NotifyMessage message, string? publicUrl, TimeZoneInfo zone)
    {
        var words = NotifyWords.Of(message.Language);
        if (message.Kind == NotifyMessageKind.Test)
            return new NotifyContent(words.Title(NotifyMessageKind.Test, null, 0, AlertSeverity.Amber, default), [NotifyLine.Words(words.Test(publicUrl))], 0, words);

        var items = message.Items;
        var worst = items.Count > 0 && items.Any(i => i.Event.Alert.Severity == AlertSeverity.Red) ? AlertSeverity.Red : AlertSeverity.Amber;
        var unit = items.Count > 0 && items[0].UnitPath.Count > 0 ? items[0].UnitPath[^1] : null;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(message.SentAt, zone).DateTime);
        var title = words.Title(message.Kind, unit, items.Count, worst, day);
        var lines = items.Take(MaxLines).Select(item => Line(item, words)).ToList();
        return new NotifyContent(title, lines, items.Count - lines.Count, words);
    }

    private static NotifyLine Line(NotifyItem item, NotifyWords words)
    {
        var alert = item.Event.Alert;
        var head = $"{words.Severity(alert.Severity)} · {words.Event(item.Event.Kind)}";
        return new NotifyLine(head, string.Join(" / ", item.UnitPath), words.Rule(alert.Rule), words.Sentence(alert), item.LedgerUrl, words.Ledger, words.Colon);
    }
}

/// <summary>
/// One line of a message: for an item, its head (severity and event), the unit's path, the rule,
/// the sentence and the ledger's link; for a test message, only <see cref="Sentence"/>.
/// Unit names and task titles come from people: each form escapes them for its markup.
/// </summary>
public sealed record NotifyLine(string? Head, string? Path, string? Rule, string Sentence, string? Url, string? LinkText, string Colon = "：")
{
    public static NotifyLine Words(string text) => new(null, null, null, text, null, null);

    public string Plain() => Head is null
        ? Sentence
        : $"[{Head}] {Path} — {Rule}{Colon}{Sentence}  {LinkText}{Colon}{Url}";

    public string Markdown() => Head is null
        ? Markup.Md(Sentence)
        : $"- **{Head}** {Markup.Md(Path!)} — {Markup.Md(Rule!)}{Colon}{Markup.Md(Sentence)} [{LinkText}]({Markup.MdUrl(Url!)})";

    public string Html() => Head is null
        ? $"<p>{Markup.Html(Sentence)}</p>"
        : $"<li><b>{Markup.Html(Head)}</b> {Markup.Html(Path!)} — {Markup.Html(Rule!)}{Colon}{Markup.Html(Sentence)} <a href=\"{Markup.Html(Url!)}\">{Markup.Html(LinkText!)}</a></li>";
}
