using Orleans.Concurrency;

namespace Cascade.Inspections;

/// <summary>
/// One inspection, keyed by its id: reads the directory (<c>takenAt</c>), then asks every unit of the
/// frozen shape once and appends its row to <see cref="IInspectionStore"/>, resuming after a crash
/// (docs/architecture.md "Inspections"). Reads go through <see cref="IInspectionReaderGrain"/>.
/// </summary>
public interface IInspectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the capture (Created, state capturing); the same request again answers the inspection
    /// as it is (Ok), another request under the id is a Conflict, an unknown scope or inspector unit NotFound.
    /// </summary>
    Task<Result<InspectionHeader>> Start(InspectionRequest request, string by);

    /// <summary>The header as the grain holds it; null when the id was never started.</summary>
    [ReadOnly] Task<InspectionHeader?> Get();

    /// <summary>Activates the grain, whose activation carries an unfinished capture on (the start-up pass).</summary>
    [OneWay] Task Wake();
}
