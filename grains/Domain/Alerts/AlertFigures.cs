namespace Cascade.Alerts;

/// <summary>
/// What an alert's sentence names (docs/domain.md "Alerts"), as the rule saw it when the alert
/// fired: the sentence itself is made where it is shown, in the reader's language (the screens'
/// words, and <see cref="AlertText"/> for the API's Chinese <c>message</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.alert-figures")]
public sealed record AlertFigures(
    /// <summary>The task's title (task rules).</summary>
    [property: Id(0)] string? Title = null,
    /// <summary>The task's due date (task rules).</summary>
    [property: Id(1)] DateOnly? Due = null,
    /// <summary>The unit's name (unit rules).</summary>
    [property: Id(2)] string? Unit = null,
    /// <summary>The task's labels when the alert fired (task rules): the ledger filters on them.</summary>
    [property: Id(3)] string[]? Tags = null)
{
    public bool HasTag(string tag) => Tags is { } tags && Array.IndexOf(tags, tag) >= 0;
}
