namespace Cascade.Storage;

/// <summary>
/// Whether the configured storage can be reached now (docs/api.md "Operations": <c>/readyz</c>). Cheap
/// enough to run on every readiness probe; throws, with a message an operator can act on, when not.
/// </summary>
public interface IStorageProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}
