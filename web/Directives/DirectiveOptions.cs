using System.ComponentModel.DataAnnotations;

namespace Cascade.Web.Directives;

/// <summary><c>Cascade:Directives</c>: up to <see cref="SyncTargets"/> copies are placed (or follow a change) before the answer.</summary>
public sealed class DirectiveOptions
{
    public const string Section = "Cascade:Directives";

    [Range(1, 100_000)]
    public int SyncTargets { get; set; } = 500;
}
