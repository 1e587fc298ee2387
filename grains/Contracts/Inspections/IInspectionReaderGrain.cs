namespace Cascade.Inspections;

/// <summary>Reads inspections straight from <see cref="IInspectionStore"/>: stateless, as many activations as the load needs.</summary>
public interface IInspectionReaderGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<InspectionHeader>> Headers();
    Task<InspectionHeader?> Header(string inspectionId);
    /// <summary>The row of <paramref name="unitId"/> and the rows of its subtree to <paramref name="depth"/> levels below it, in the frozen order; empty when it holds no such unit.</summary>
    Task<IReadOnlyList<FrozenUnit>> Subtree(string inspectionId, string unitId, int depth);
    Task<UnitSnapshot?> Work(string inspectionId, string unitId);
}
