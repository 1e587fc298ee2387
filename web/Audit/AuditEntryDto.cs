using System.Text.Json;
using Cascade.Audit;

namespace Cascade.Web.Audit;

/// <summary>An entry of the audit trail as the API shows it; before and after are the JSON the hash covers.</summary>
public sealed record AuditEntryDto(
    string Chain, long Seq, string At, string Actor, string Action, string? UnitId, string? TaskId,
    JsonElement? Before, JsonElement? After, string PrevHash, string Hash)
{
    public static AuditEntryDto From(AuditEntry e) => new(
        e.Chain, e.Seq, e.At, e.Actor, e.Action, e.UnitId, e.TaskId, Json(e.Before), Json(e.After), e.PrevHash, e.Hash);

    private static JsonElement? Json(string? text)
    {
        if (text is null) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text); // a damaged entry: shown as the text it holds (verify names it)
        }
    }
}
