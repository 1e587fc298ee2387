using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// The anchor file outside the database (<c>Cascade:Audit:AnchorFile</c>): the checkpoint pass
/// appends an <see cref="AuditAnchor"/> every <c>AnchorEvery</c>, and logs the same line. A
/// database writer who deletes a chain's tail with its checkpoints, or a whole chain, leaves the
/// rest consistent, but the heads as of an anchor's time then no longer give its root.
/// The heads as of a time are the newest signed checkpoint of each chain made by then: the store
/// keeps every checkpoint, so the file holds only the root.
/// </summary>
public sealed partial class AuditAnchors(IOptions<AuditOptions> options, AuditKey key, ILogger<AuditAnchors> logger)
{
    private readonly Lock _file = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.AnchorFile);

    private string Path => options.Value.AnchorFile!;

    /// <summary>Appends the line for the checkpoints made up to <paramref name="at"/>, flushed to disk.</summary>
    public async Task<AuditAnchor> AppendAsync(IAuditStore store, DateTimeOffset at)
    {
        var time = AuditEntry.FormatTime(at);
        var anchor = (await Roots(store, [time])).Single();
        lock (_file)
        {
            if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { } folder) Directory.CreateDirectory(folder);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using (var writer = new StreamWriter(file, leaveOpen: true)) writer.Write(anchor.Line + "\n");
            file.Flush(flushToDisk: true);
        }
        LogAnchor(anchor.Line);
        return anchor;
    }

    /// <summary>True when the file holds a line already: the trail has had its key for a while.</summary>
    public bool HasLines() => Enabled && File.Exists(Path) && File.ReadLines(Path).Any(l => l.Trim().Length > 0);

    /// <summary>Null when every line is signed by the key and the trail's checkpoints still give its root.</summary>
    public async Task<AuditVerification?> VerifyAsync(IAuditStore store, long entries)
    {
        if (!Enabled || !File.Exists(Path)) return null;
        var lines = File.ReadLines(Path).Select((text, i) => (Text: text, Number: i + 1)).Where(l => l.Text.Trim().Length > 0).ToList();
        var anchors = new List<(AuditAnchor Anchor, int Number)>();
        foreach (var (text, number) in lines)
        {
            if (AuditAnchor.Parse(text) is not { } anchor || !anchor.SignedBy(key))
                return Bad(entries, $"line {number} of the anchor file is not signed by the audit key {key.Id}.");
            anchors.Add((anchor, number));
        }
        var roots = await Roots(store, anchors.Select(a => a.Anchor.At).ToList(), anchors.Select(a => a.Anchor.Scheme).ToList());
        for (var i = 0; i < anchors.Count; i++)
        {
            var (anchor, number) = anchors[i];
            if (roots[i].Root != anchor.Root || roots[i].Chains != anchor.Chains)
                return Bad(entries, $"the trail no longer gives the root of line {number} of the anchor file ({anchor.At}, {anchor.Chains} chains, now {roots[i].Chains}): an anchored entry or checkpoint was removed or changed.");
        }
        return null;
    }

    private static AuditVerification Bad(long entries, string problem) => new(false, entries, null, null, problem);

    /// <summary>
    /// The anchor of each time in one pass over the checkpoints, chain by chain: for each time, the
    /// chain's newest signed checkpoint made by then. Times in any order; answers in theirs.
    /// </summary>
    private async Task<List<AuditAnchor>> Roots(IAuditStore store, IReadOnlyList<string> times, IReadOnlyList<string>? schemes = null)
    {
        var macs = times.Select((_, i) => key.Incremental(schemes?[i])).ToList();
        var counts = new long[times.Count];
        try
        {
            var group = new List<AuditCheckpoint>();
            await foreach (var checkpoint in store.ReadCheckpointsAsync())
            {
                if (group.Count > 0 && group[0].Chain != checkpoint.Chain) Feed();
                if (key.Signed(checkpoint)) group.Add(checkpoint);
            }
            Feed();
            return times.Select((time, i) => AuditAnchor.Signed(key, time, counts[i], macs[i].Finish())).ToList();

            void Feed()
            {
                for (var i = 0; i < times.Count; i++)
                    if (group.Where(c => string.CompareOrdinal(c.At, times[i]) <= 0).MaxBy(c => c.Seq) is { } head)
                    {
                        macs[i].Append($"{head.Chain} {head.Seq} {head.Hash}\n");
                        counts[i]++;
                    }
                group.Clear();
            }
        }
        finally
        {
            foreach (var mac in macs) mac.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor: {Line}")]
    private partial void LogAnchor(string line);
}
