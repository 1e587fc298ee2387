using System.ComponentModel.DataAnnotations;

namespace Cascade.Hosting;

/// <summary>The Orleans cluster this node joins (api.md "Configuration").</summary>
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
}
