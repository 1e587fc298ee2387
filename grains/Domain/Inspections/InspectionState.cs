namespace Cascade.Inspections;

/// <summary>
/// The inspection grain's state, written when the directory was read (the request, <c>takenAt</c>
/// and the frozen shape) and once more when the capture is sealed. Where the capture is comes
/// from the store: rows are appended from the shape's end a batch at a time, so the rows held
/// are always a tail of the shape (the durable cursor).
/// </summary>
[GenerateSerializer, Alias("cascade.inspection-state")]
public sealed class InspectionState
{
    [Id(0)] public InspectionHeader? Header { get; set; }
    [Id(1)] public ShapeUnit[] Shape { get; set; } = [];
}
