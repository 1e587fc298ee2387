using Cascade.Audit;

namespace Cascade.Silences;

/// <summary>The silence registry's stored state: every silence kept, a version that grows with each change, the audit outbox.</summary>
[GenerateSerializer, Alias("cascade.silence-state")]
public sealed class SilenceState
{
    [Id(0)] public List<Silence> Silences { get; set; } = [];
    [Id(1)] public long Version { get; set; }
    /// <summary>Audit drafts stored with the change they record, until the users chain took them.</summary>
    [Id(2)] public List<AuditDraft> Audit { get; set; } = [];
}

/// <summary>The registry as a node's cache reads it: every silence kept, at <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("cascade.silence-list")]
public sealed record SilenceList([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<Silence> Silences)
{
    public static readonly SilenceList Empty = new(0, []);
}
