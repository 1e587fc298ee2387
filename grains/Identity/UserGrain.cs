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

    public Task<UserRecord?> Get() => Task.FromResult(state.State.User);

    public async Task<bool> Create(UserRecord user)
    {
        if (state.State.User is not null) return false;
        state.State.User = user;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<INameIndexGrain>(INameIndexGrain.Users).Add(user.Username);
        return true;
    }

    public async Task<bool> Update(UserRecord user)
    {
        if (state.State.User is null) return false;
        state.State.User = user;
        await state.WriteStateAsync();
        return true;
    }

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
