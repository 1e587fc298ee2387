using System.Globalization;
using System.Text.RegularExpressions;
using Cascade.Silences;
using Cascade.Units;
using Cascade.Web.Http;

namespace Cascade.Web.Silences;

/// <summary>The body of <c>POST /api/v1/silences</c>: <c>{id?, unitId, subtree, rule?, until, reason, stopClimb?}</c>.</summary>
public static partial class SilenceBody
{
    // An instant with its zone: 2026-12-08T08:00:00Z or 2026-12-08T16:00+08:00.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex InstantPattern();

    /// <summary>The request, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static SilenceRequest? Read(BodyFields fields, DateTimeOffset now)
    {
        var id = fields.String("id", nullable: true);
        if (id is not null && !SilenceRules.IsValidId(id)) fields.Fail("id", $"id is 1 to {SilenceRules.MaxId} letters, digits, '-' or '_'.");
        var unitId = fields.String("unitId", required: true);
        if (unitId is not null && !UnitRules.IsValidId(unitId)) fields.Fail("unitId", "unitId is a unit id.");
        var subtree = fields.Bool("subtree", required: true);
        var rule = fields.String("rule", nullable: true);
        if (rule is not null) fields.Check("rule", SilenceRules.CheckRule(rule));
        DateTimeOffset? until = null;
        if (fields.String("until", required: true) is { } text)
        {
            if (InstantPattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                until = new DateTimeOffset(parsed.UtcTicks - parsed.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
                fields.Check("until", SilenceRules.CheckUntil(until.Value, now));
            }
            else fields.Fail("until", "until is an instant with its zone, such as 2026-12-08T08:00:00Z.");
        }
        var reason = fields.String("reason", required: true, trim: true);
        if (reason is not null) fields.Check("reason", SilenceRules.CheckReason(reason));
        var stopClimb = fields.Bool("stopClimb") ?? false;
        return fields.HasErrors ? null : new SilenceRequest(id, unitId!, subtree!.Value, rule, until!.Value, reason!, stopClimb);
    }
}
