namespace Cascade.Units;

/// <summary>The stored ceiling of every summary version in the cluster (microseconds since 1970, or above).</summary>
[GenerateSerializer, Alias("cascade.version-lease-state")]
public sealed class VersionLeaseState
{
    [Id(0)] public long Ceiling { get; set; }
}
