namespace Cascade.Tasks;

/// <summary>
/// One row's verdict. <see cref="Field"/> names the field at fault in the API's words (title,
/// version, ...), null for the row as a whole; <see cref="Message"/> is Chinese.
/// <see cref="Checked"/> is the row ready to apply (its id and checked version set) for a create or update.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.import-outcome")]
public sealed record ImportOutcome(
    [property: Id(0)] int Row,
    [property: Id(1)] ImportVerdict Verdict,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? Message = null,
    [property: Id(4)] ImportRow? Checked = null);
