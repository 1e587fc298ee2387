using System.ComponentModel.DataAnnotations;

namespace Cascade.Cluster;

/// <summary>The Orleans cluster this node joins (docs/api.md "Configuration").</summary>
public sealed class CascadeClusterOptions
{
    public const string Section = "Cascade:Cluster";

    [Required] public string ServiceId { get; set; } = "cascade";
    [Required] public string ClusterId { get; set; } = "cascade";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Embedded mode: the silo port of the node that started first (the primary). Unset on
    /// the primary itself; a headless <c>silo</c> node sets it to join a <c>web</c> node.
    /// </summary>
    [Range(1, 65535)] public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// The first period and timeout of the probes each node sends the others (Orleans'
    /// <c>ClusterMembershipOptions.ProbeTimeout</c>, 5 s by default there). Orleans then adapts
    /// it to the answer times it sees, between half and four times this value, and stretches it
    /// while the prober itself is short of CPU. A dead node is suspected after
    /// <see cref="MissedProbesLimit"/> probes in a row fail, so its units answer again on a
    /// survivor after about that many periods plus their activation (docs/operations.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Probes in a row a node may miss before it is suspected; the last one goes through another node.</summary>
    [Range(2, 10)] public int MissedProbesLimit { get; set; } = 3;
}
