using Cascade.Audit;
using Cascade.Hosting;
using Cascade.Time;
using Microsoft.Extensions.Options;

namespace Cascade.Identity;

public sealed class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    DomainClock clock,
    IOptions<SignInOptions> options) : Grain, IUserGrain
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _attempts = [];
    private AuditOutbox<AuditDraft>? _audit;

    private AuditOutbox<AuditDraft> Audit => _audit ??= AuditChains.UsersOutbox(GrainFactory, () => state.State.Audit);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Audit.Count > 0) Audit.Send(); // drafts stored by an earlier activation, maybe not delivered
        return Task.CompletedTask;
    }

    public Task<UserRecord?> Get() => Task.FromResult(state.State.User);

    public async Task<bool> Create(UserRecord user, string actor)
    {
        if (state.State.User is not null) return false;
        state.State.User = user;
        Record(actor, AuditActions.UserCreate, null, user);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<INameIndexGrain>(INameIndexGrain.Users).Add(user.Username);
        await Audit.Flush();
        return true;
    }

    public async Task<bool> Update(UserRecord user, string? actor)
    {
        if (state.State.User is not { } before) return false;
        state.State.User = user;
        if (actor is not null)
        {
            var passwordOnly = before with { PasswordHash = user.PasswordHash, Stamp = user.Stamp } == user && before.PasswordHash != user.PasswordHash;
            Record(actor, passwordOnly ? AuditActions.UserPassword : AuditActions.UserUpdate, before, user);
        }
        await state.WriteStateAsync();
        await Audit.Flush();
        return true;
    }

    private void Record(string actor, string action, UserRecord? before, UserRecord after) =>
        Audit.Add(AuditDraft.Create(AuditChains.Users, clock.Now, actor, action, null, null,
            before is null ? null : AuditSnapshots.User(before), AuditSnapshots.User(after)));

    public Task<SignInCheck> CheckSignIn(string address)
    {
        var now = clock.Now;
        if (_attempts.TryGetValue(address, out var attempt) && attempt.LockedUntil is { } until)
        {
            if (until > now) return Task.FromResult(new SignInCheck(false, until));
            _attempts.Remove(address);
        }
        return Task.FromResult(new SignInCheck(true, null));
    }

    public Task<SignInCheck> SignInFailed(string address)
    {
        var limits = options.Value;
        var failures = _attempts.GetValueOrDefault(address).Failures + 1;
        DateTimeOffset? until = failures >= limits.MaxFailures ? clock.Now + limits.LockoutFor : null;
        _attempts[address] = until is null ? (failures, null) : (0, until);
        return Task.FromResult(new SignInCheck(until is null, until));
    }

    public Task SignInSucceeded(string address)
    {
        _attempts.Remove(address);
        return Task.CompletedTask;
    }
}
