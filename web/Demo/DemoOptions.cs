using System.ComponentModel.DataAnnotations;

namespace Cascade.Web.Demo;

public sealed class DemoOptions
{
    public const string Section = "Cascade:Demo";

    /// <summary>Seed the demo department into an empty store on start.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Keep changing demo progress so a wall looks alive.</summary>
    public bool Simulate { get; set; }

    /// <summary>How often the simulator changes one task.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SimulateEvery { get; set; } = TimeSpan.FromSeconds(2);
}
