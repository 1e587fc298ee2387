namespace Cascade.Reports;

/// <summary>
/// Reads year reports for the API (stateless: any node, as many activations as needed). It reads
/// the units' tasks (archived ones included), the raised alerts and the history points; it
/// writes nothing and is never called by a unit, so the roll-up path does not see it.
/// </summary>
public interface IReportGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The report of <paramref name="unitId"/> and the units below it to <paramref name="depth"/>
    /// for <paramref name="year"/>; null when the unit does not exist.
    /// </summary>
    Task<YearReport?> Read(string unitId, int year, int depth);
}
