using Cascade.Audit;
using Cascade.Storage;
using Cascade.Time;
using Microsoft.Extensions.Options;

namespace Cascade.Identity;

public sealed class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    DomainClock clock,
    IOptions<SignInOptions> options) : Grain, IUserGrain
{
    private SignInThrottle? _throttle;
    private AuditOutbox<AuditDraft>? _audit;

    private AuditOutbox<AuditDraft> Audit => _audit ??= UsersAuditOutbox.Create(GrainFactory, () => state.State.Audit, list => state.State.Audit = list);

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
            before is null ? null : IdentitySnapshots.User(before), IdentitySnapshots.User(after)));

    public Task<UserRecord?> GetSession(string? session) =>
        Task.FromResult(session is not null && state.State.EndedSessions.TryGetValue(session, out var until) && until > clock.Now
            ? null : state.State.User);

    public async Task EndSession(string session, DateTimeOffset until)
    {
        if (state.State.User is null) return;
        var now = clock.Now;
        foreach (var (ended, end) in state.State.EndedSessions.ToList())
            if (end <= now) state.State.EndedSessions.Remove(ended);
        state.State.EndedSessions[session] = until;
        await state.WriteStateAsync();
    }

    private SignInThrottle Throttle => _throttle ??= new(options.Value, state.State.SignIns);

    public Task<SignInCheck> CheckSignIn(string address) => Task.FromResult(Throttle.Check(address, clock.Now));

    public async Task<SignInCheck> SignInFailed(string address)
    {
        var (check, changed) = Throttle.Failed(address, clock.Now);
        if (changed) await Store();
        return check;
    }

    public async Task SignInSucceeded(string address)
    {
        if (Throttle.Succeeded(address, clock.Now)) await Store();
    }

    /// <summary>Lockouts are kept for accounts that exist; for any other name they stay in memory.</summary>
    private Task Store() => state.State.User is null ? Task.CompletedTask : state.WriteStateAsync();
}
