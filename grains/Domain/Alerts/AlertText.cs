using System.Globalization;

namespace Cascade.Alerts;

/// <summary>
/// The API's <c>message</c> of an alert (docs/api.md "Alerts"): Chinese, for scripts, made here
/// only, from the rule's sentence and the alert's figures. The screens make their own sentence
/// from the same figures, in their reader's language (docs/domain.md "Alerts").
/// </summary>
public static class AlertText
{
    public static string Chinese(Alert alert)
    {
        // Stored before alerts carried figures: the sentence it was stored with.
        if (alert.Figures is not { } figures || AlertRules.Find(alert.Rule)?.Message is not { } message)
            return alert.Message ?? alert.Rule;
        return message
            .Replace("{title}", figures.Title, StringComparison.Ordinal)
            .Replace("{due}", figures.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{unit}", figures.Unit, StringComparison.Ordinal);
    }
}
