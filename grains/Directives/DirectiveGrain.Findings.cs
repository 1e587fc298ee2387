using Cascade.Audit;
using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// A finding's side of the owner (docs/architecture.md "Findings"): its one copy is the
/// rectification task; the state follows what the unit reports of it (told at once by the shard,
/// and checked again on every read), and the inspector confirms (the task locked) or reopens it.
/// </summary>
public sealed partial class DirectiveGrain
{
    private IDirectiveIndexGrain DirectiveIndex => Index(GrainFactory);

    public async Task<FindingView?> Finding()
    {
        if (S.Directive is not { Finding: not null } || S.Deleting) return null;
        var copy = await Copy();
        if (copy is not null) await FollowTask(copy.Status, S.Directive.Finding!.CopyVersion);
        return new(S.Directive!, copy);
    }

    public Task FindingCopy(CopyReport report) =>
        S.Directive is { Finding: not null } && !S.Deleting ? FollowTask(report.Status, report.TaskVersion) : Task.CompletedTask;

    /// <summary>The finding's state after the unit reported its task (stored, and the index told, when it changed).</summary>
    private async Task FollowTask(TaskItemStatus status, long version)
    {
        var d = S.Directive!;
        var next = FindingRules.OnCopy(d.Finding!, status, version);
        if (next == d.Finding) return;
        S.Directive = d with { Finding = next };
        await state.WriteStateAsync();
        await DirectiveIndex.PutFinding(Id, FindingRow.Of(next));
    }

    public async Task<Result<FindingView>> Confirm(string note, string by, string? byName)
    {
        if (await Finding() is not { } view) return MissingFinding();
        if (view.Finding.State != FindingState.AwaitingConfirmation) return NotAwaiting(view.Finding);
        var f = view.Finding with { State = FindingState.Closed, Note = note, ClosedAt = clock.Now, ClosedBy = by };
        return await Change(view.Directive, view.Directive with { Finding = f }, by, byName, AuditActions.DirectiveUpdate);
    }

    public async Task<Result<FindingView>> Reopen(string note, int progress, string by, string? byName)
    {
        if (await Finding() is not { } view) return MissingFinding();
        if (view.Finding.State != FindingState.AwaitingConfirmation) return NotAwaiting(view.Finding);
        var version = view.Directive.Version + 1;
        var f = view.Finding with { State = FindingState.Open, Note = note, ReopenVersion = version, ReopenProgress = progress };
        return await Change(view.Directive, view.Directive with { Finding = f }, by, byName, AuditActions.DirectiveUpdate);
    }

    public async Task<Result<FindingView>> PatchFinding(string? text, DateOnly? due, string by, string? byName)
    {
        if (await Finding() is not { } view) return MissingFinding();
        var d = view.Directive;
        if (view.Finding.State == FindingState.Closed)
            return Result<FindingView>.Conflict($"Finding '{view.Finding.Id}' is closed (已销号): it no longer changes.");
        if (due is { } day && day < d.Start) return Result<FindingView>.Invalid("due", $"due must not be before the task's start, {d.Start:yyyy-MM-dd}.");
        var next = d with
        {
            Title = text is null ? d.Title : FindingRules.TitleOf(text), Note = text ?? d.Note, Due = due ?? d.Due,
            Finding = view.Finding with { Text = text ?? view.Finding.Text },
        };
        if (DirectiveRules.SameContent(next, d) && next.Finding == d.Finding) return Result<FindingView>.Ok(view);
        return await Change(d, next, by, byName, AuditActions.DirectiveUpdate);
    }

    /// <summary>A new version of the finding: stored, handed to its shard as the goal and brought to the task before answering.</summary>
    private async Task<Result<FindingView>> Change(Directive stored, Directive changed, string by, string? byName, string action)
    {
        var next = changed with { Version = stored.Version + 1, UpdatedAt = clock.Now, UpdatedBy = by, UpdatedByName = byName };
        await ChangeGoal(next, Goal(next, by, byName));
        await DirectiveIndex.PutFinding(Id, FindingRow.Of(next.Finding!));
        await Audit(action, by, DirectiveSnapshots.Of(stored), DirectiveSnapshots.Of(next));
        await Run(true);
        return Result<FindingView>.Ok(new(S.Directive!, await Copy()));
    }

    /// <summary>The task as its shard holds it (the one target).</summary>
    private async Task<CopyRow?> Copy() =>
        S.Shards == 0 ? null : (await Shard(0).Copies(CopyFilter.All, null, 1)).FirstOrDefault();

    private Result<FindingView> MissingFinding() => Result<FindingView>.NotFound($"Finding '{Id[Cascade.Directives.Finding.Prefix.Length..]}' does not exist.");

    private static Result<FindingView> NotAwaiting(Finding f) =>
        Result<FindingView>.Conflict($"Finding '{f.Id}' is {FindingRules.Name(f.State)}, not awaitingConfirmation: its unit has not reported its task done.");
}
