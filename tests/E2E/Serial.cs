namespace Cascade.Tests.E2E;

/// <summary>
/// Tests that start the real product in child processes and hold it to wall-clock limits
/// (a tile within 1 s, a banner within 5 s) run alone, after the parallel tests, so a busy
/// two-core machine does not make them flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial (child processes, wall-clock limits)";
}
