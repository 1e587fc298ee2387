using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Inspections;

/// <summary>
/// Captures one inspection (docs/architecture.md "Inspections"): the directory read fixes the shape
/// and <c>takenAt</c>; then, on a timer of its own (the request is answered 202 at once), every unit
/// is asked once for <see cref="IUnitGrain.Snapshot"/>, in parallel batches from the shape's end,
/// so each unit comes after its descendants and its frozen figures are summed as it goes. A batch's
/// rows are appended together; a crash resumes after the last stored batch.
/// </summary>
public sealed class InspectionGrain(
    [PersistentState("inspection", StorageNames.Default)] IPersistentState<InspectionState> state,
    IInspectionStore store, DomainClock clock, IOptions<HealthOptions> health) : Grain, IInspectionGrain
{
    /// <summary>Units asked at once; their rows go to the store in one append.</summary>
    public const int Batch = 500;

    private static readonly UnitSnapshot Gone = new([], []);
    private IGrainTimer? _timer;
    private bool _running;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Header is { CapturedAt: null }) StartCapture();
        return Task.CompletedTask;
    }

    public async Task<Result<InspectionHeader>> Start(InspectionRequest request, string by)
    {
        if (state.State.Header is { } known)
        {
            if (!known.Request.SameAs(request)) return Result<InspectionHeader>.Conflict($"Inspection '{Id}' exists with other values.");
            if (known.CapturedAt is null) StartCapture(); // a start that failed after its state was stored goes on now
            return Result<InspectionHeader>.Ok(known);
        }
        await store.Header(Id); // a store that cannot hold it refuses before anything is written
        var organization = GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var takenAt = clock.Now;
        var directory = await organization.ListUnits(null) ?? [];
        var shape = FrozenShape.Of(directory, request.UnitId);
        if (shape is null) return Result<InspectionHeader>.NotFound($"Unit '{request.UnitId}' does not exist.");
        var ids = directory.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        if (request.InspectorUnitIds.FirstOrDefault(u => !ids.Contains(u)) is { } unknown)
            return Result<InspectionHeader>.NotFound($"Unit '{unknown}' does not exist.");
        state.State.Header = new InspectionHeader(request, takenAt, shape.Length, by);
        state.State.Shape = shape;
        await state.WriteStateAsync();
        await store.AddHeader(state.State.Header);
        StartCapture();
        return Result<InspectionHeader>.Created(state.State.Header);
    }

    public Task<InspectionHeader?> Get() => Task.FromResult(state.State.Header);

    public Task Wake()
    {
        if (state.State.Header is { CapturedAt: null }) StartCapture();
        return Task.CompletedTask;
    }

    /// <summary>The capture runs beside calls (interleaved, so Get answers meanwhile); a failed pass is tried again after a pause.</summary>
    private void StartCapture() =>
        _timer ??= this.RegisterGrainTimer(Capture, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromSeconds(5)) { Interleave = true, KeepAlive = true });

    private async Task Capture()
    {
        if (_running || state.State.Header is not { CapturedAt: null } header) return;
        _running = true;
        try
        {
            await store.AddHeader(header); // a crash may have come between the state's write and the header's
            var shape = state.State.Shape;
            var tree = new FrozenTree(shape, header.TakenAt, clock, health.Value);
            foreach (var row in (await store.Rows(Id, 0, shape.Length - 1, int.MaxValue)).OrderByDescending(r => r.Order)) tree.Restore(row);
            while (!tree.Complete)
            {
                var count = Math.Min(Batch, tree.Next);
                var units = shape.AsSpan(tree.Next - count, count).ToArray();
                var answers = await Task.WhenAll(units.Select(u => GrainFactory.GetGrain<IUnitGrain>(u.Unit.Id).Snapshot()));
                var rows = new List<(FrozenUnit, UnitSnapshot)>(count);
                for (var i = count - 1; i >= 0; i--)
                {
                    var work = answers[i] is { } answer ? answer with { Tasks = FrozenTree.Live(answer.Tasks, header.TakenAt, clock) } : Gone;
                    rows.Add((tree.Add(work), work));
                }
                await store.Append(Id, rows);
            }
            var capturedAt = clock.Now;
            await store.Seal(Id, capturedAt);
            state.State.Header = header with { CapturedAt = capturedAt };
            await state.WriteStateAsync();
            _timer?.Dispose();
            _timer = null;
        }
        finally
        {
            _running = false;
        }
    }
}
