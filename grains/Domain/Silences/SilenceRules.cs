using Cascade.Alerts;
using Cascade.Identity;

namespace Cascade.Silences;

/// <summary>
/// Who may silence what, and for how long (docs/domain.md "Silences"). Editors: their own subtree,
/// at most <see cref="EditorDays"/> days, and stopping the climb only below their unit; leaders and
/// admins: any unit, at most <see cref="MaxDays"/> days; nobody else.
/// </summary>
public static class SilenceRules
{
    public const int EditorDays = 7;
    public const int MaxDays = 90;
    public const int MaxReason = 500;
    public const int MaxId = 64;

    /// <summary>How long silences are kept after they ended when <c>Cascade:History:Keep</c> says nothing.</summary>
    public static readonly TimeSpan DefaultKeep = TimeSpan.FromDays(400);

    /// <summary>A client id: 1 to 64 of ASCII letters, digits, '-' and '_'.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxId && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A new server-given id.</summary>
    public static string NewId() => "s-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The field problems of a request, checked at <paramref name="now"/> (null each when fine).</summary>
    public static string? CheckReason(string reason) =>
        reason.Length is 0 or > MaxReason ? $"reason is 1 to {MaxReason} characters: say why." : null;

    public static string? CheckRule(string? rule) =>
        rule is null || AlertRules.Names.Contains(rule) ? null : $"rule is one of {string.Join(", ", AlertRules.Names)}, or absent for every rule.";

    public static string? CheckUntil(DateTimeOffset until, DateTimeOffset now) =>
        until <= now ? "until must be in the future." : until > now + TimeSpan.FromDays(MaxDays) ? $"until is at most {MaxDays} days ahead." : null;

    /// <summary>
    /// Whether <paramref name="asker"/> may place the silence; null when allowed, else why not.
    /// <paramref name="homeContainsUnit"/>: the editor's unit is the silenced unit or above it;
    /// <paramref name="homeAboveUnit"/>: strictly above it.
    /// </summary>
    public static string? Refusal(SilenceAsker asker, SilenceRequest request, DateTimeOffset now, bool homeContainsUnit, bool homeAboveUnit) =>
        asker.Role switch
        {
            Role.Admin or Role.Leader => null,
            Role.Editor when !homeContainsUnit => $"Editors may silence only their own unit and the units below it; '{request.UnitId}' is not.",
            Role.Editor when request.Until > now + TimeSpan.FromDays(EditorDays) => $"Editors may silence for at most {EditorDays} days.",
            Role.Editor when request.StopClimb && !homeAboveUnit => "Stopping the climb needs an editor of a unit above the silenced one, a leader or an admin.",
            Role.Editor => null,
            _ => "Only admins, leaders and editors may silence alerts.",
        };

    /// <summary>Whether <paramref name="asker"/> may end <paramref name="silence"/>: as whoever could have placed it.</summary>
    public static bool MayEnd(SilenceAsker asker, Silence silence, bool homeContainsUnit, bool homeAboveUnit) =>
        asker.Role switch
        {
            Role.Admin or Role.Leader => true,
            Role.Editor => homeContainsUnit && (!silence.StopClimb || homeAboveUnit),
            _ => false,
        };
}
