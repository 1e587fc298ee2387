
namespace Cascade.Tasks;

/// <summary>A task's status and progress at one moment, for the ticker.</summary>
[GenerateSerializer, Immutable, Alias("cascade.change-point")]
public sealed record ChangePoint([property: Id(0)] TaskItemStatus Status, [property: Id(1)] int Progress);
