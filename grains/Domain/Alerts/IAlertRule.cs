namespace Cascade.Alerts;

/// <summary>
/// What every alert rule owns (docs/domain.md "Alerts"), so a rule is one class and the list in
/// <see cref="AlertRules"/> is the only place that names them all.
/// </summary>
public interface IAlertRule
{
    /// <summary>The API's <c>rule</c>, and the key the screens look their words up by.</summary>
    string Name { get; }

    /// <summary>
    /// The API's Chinese <c>message</c> with holes for the alert's figures: <c>{title}</c>,
    /// <c>{due}</c>, <c>{unit}</c> (<see cref="AlertText"/> fills them; the screens say the same in their tables).
    /// </summary>
    string Message { get; }
}
