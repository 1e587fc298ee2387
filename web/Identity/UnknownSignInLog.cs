using Cascade.Identity;
using Cascade.Audit;
using Cascade.Time;

namespace Cascade.Web.Identity;

/// <summary>
/// Failed sign-ins of names no account has go to the audit trail as one entry per (address,
/// minute) with their count, not one each: anonymous clients cannot grow the trail faster than
/// their addresses. A minute's entries are written once it is over (checked every few
/// seconds) and at shutdown. At most <see cref="Capacity"/> addresses are told apart per
/// minute; the rest share one entry, so the count held in memory stays bounded too.
/// </summary>
public sealed partial class UnknownSignInLog(IGrainFactory grains, DomainClock clock, ILogger<UnknownSignInLog> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    public const string OtherAddresses = "(other addresses)";
    /// <summary>The actor of these entries: nobody signed in, and a typed name may be a misplaced password.</summary>
    public const string Actor = "(unknown)";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Address, DateTimeOffset Minute), int> _counts = [];

    public void Add(string address)
    {
        var minute = Minute(clock.Now);
        lock (_gate)
        {
            if (!_counts.ContainsKey((address, minute)) && _counts.Count >= Capacity) address = OtherAddresses;
            _counts[(address, minute)] = _counts.GetValueOrDefault((address, minute)) + 1;
        }
    }

    /// <summary>Writes the counts of the minutes that are over (or of every minute when <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all = false)
    {
        var current = Minute(clock.Now);
        List<KeyValuePair<(string Address, DateTimeOffset Minute), int>> done;
        lock (_gate)
        {
            done = _counts.Where(c => all || c.Key.Minute < current).OrderBy(c => c.Key.Minute).ThenBy(c => c.Key.Address, StringComparer.Ordinal).ToList();
            foreach (var (key, _) in done) _counts.Remove(key);
        }
        if (done.Count == 0) return;
        var drafts = done.Select(c => AuditDraft.Create(AuditChains.Users, c.Key.Minute, Actor, AuditActions.SignInFailed, null, null, null,
            IdentitySnapshots.UnknownSignIns(c.Key.Address, c.Key.Minute, c.Value))).ToList();
        await grains.GetGrain<IAuditChainGrain>(AuditChains.Users).Append(drafts, redelivered: false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await Flush(all: false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Flush(all: true);
    }

    private async Task Flush(bool all)
    {
        try
        {
            await FlushAsync(all);
        }
        catch (Exception error)
        {
            LogFailed(error);
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the counts of unknown-name sign-ins to the audit trail failed")]
    private partial void LogFailed(Exception error);
}
