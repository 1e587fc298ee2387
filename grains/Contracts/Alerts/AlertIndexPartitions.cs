using System.IO.Hashing;
using System.Text;

namespace Cascade.Alerts;

/// <summary>
/// Which index partition keeps a unit's open alerts (a stable hash of the unit's id, the same on
/// every node), and the questions asked of every partition at once.
/// </summary>
public static class AlertIndexPartitions
{
    /// <summary>
    /// 32 partitions: a province's 5,000 open alerts are about 160 in each; at about 600 bytes an
    /// alert, one partition's stored state stays under Azure Table's ~960 KB entity up to about
    /// 50,000 open alerts in all (decision 010).
    /// </summary>
    public const int Count = 32;

    public static int For(string unitId) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(unitId)) % Count);

    public static IAlertIndexGrain Of(IGrainFactory grains, string unitId) => grains.GetGrain<IAlertIndexGrain>(For(unitId));

    public static IEnumerable<IAlertIndexGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, Count).Select(p => grains.GetGrain<IAlertIndexGrain>(p));

    /// <summary>The open alerts of <paramref name="unitId"/>'s subtree: every partition asked in parallel.</summary>
    public static async Task<IReadOnlyList<Alert>> Subtree(IGrainFactory grains, string unitId) =>
        [.. (await Task.WhenAll(All(grains).Select(p => p.Subtree(unitId)))).SelectMany(a => a)];

    /// <summary>The open alerts that climbed to one of <paramref name="unitIds"/> from below: every partition asked in parallel.</summary>
    public static async Task<IReadOnlyList<Alert>> EscalatedTo(IGrainFactory grains, IReadOnlyList<string> unitIds) =>
        [.. (await Task.WhenAll(All(grains).Select(p => p.EscalatedTo(unitIds)))).SelectMany(a => a)];
}
