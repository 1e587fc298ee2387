using Cascade.Web.Http;

namespace Cascade.Web.Alerts;

/// <summary>The body of <c>POST /api/v1/alerts/{alertId}/acknowledge</c>.</summary>
/// <param name="Note">1 to <see cref="MaxNote"/> characters: what is being done about it.</param>
public sealed record Acknowledgement(string Note)
{
    public const int MaxNote = 500;

    /// <summary>The acknowledgement, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static Acknowledgement? Read(BodyFields fields)
    {
        var note = fields.String("note", required: true, trim: true);
        if (note is not null && (note.Length == 0 || note.Length > MaxNote)) fields.Fail("note", $"note is 1 to {MaxNote} characters: say what is being done.");
        return fields.HasErrors ? null : new(note!);
    }
}
