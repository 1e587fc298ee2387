using Orleans.Concurrency;

namespace Cascade.Directives;

/// <summary>
/// Every directive's id, issuer and whether it still has work to do (key <see cref="Key"/>):
/// lists by issuer, guards the id namespace, and resumes unfinished work after a restart.
/// </summary>
public interface IDirectiveIndexGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task Register(string id, string issuerUnitId);
    Task SetBusy(string id, bool busy);
    Task Remove(string id);
    [ReadOnly] Task<bool> Exists(string id);
    /// <summary>Directive ids issued by any of <paramref name="issuerIds"/> (all when null), in id order.</summary>
    [ReadOnly] Task<IReadOnlyList<string>> Issued(IReadOnlyList<string>? issuerIds);
    /// <summary>Pokes every directive with unfinished work (start-up).</summary>
    Task Wake();
}
