using System.ComponentModel.DataAnnotations;

namespace Cascade.Rollup;

/// <summary>Health thresholds of docs/domain.md "Roll-up"; shares are weight shares of all tasks.</summary>
public sealed class HealthOptions
{
    public const string Section = "Cascade:Health";

    [Range(0.0, 1.0)] public double RedLag { get; set; } = 0.20;
    [Range(0.0, 1.0)] public double RedOverdueShare { get; set; } = 0.10;
    [Range(0.0, 1.0)] public double AmberLag { get; set; } = 0.10;
    [Range(0.0, 1.0)] public double AmberOverdueShare { get; set; } = 0.02;
    [Range(0.0, 1.0)] public double AmberBlockedShare { get; set; } = 0.05;
    [Range(0.0, 1.0)] public double AmberStaleShare { get; set; } = 0.10;
}
