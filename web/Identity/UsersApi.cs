using Cascade.Identity;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Identity;

/// <summary>The user routes (docs/api.md "Identity and access"), admins only.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(AccessExtensions.AdminOnly).WithTags("Users")
            .Refuses(StatusCodes.Status403Forbidden);
        users.MapGet("/", List);
        users.MapPost("/", Create).ReadsJson<NewUser>().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        users.MapPatch("/{username}", Update).ReadsJson<UserChanges>(mergePatch: true)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    private static ProblemHttpResult UnknownUser(string username) => Problems.NotFound($"User '{username}' does not exist.");

    private static async Task<Ok<IEnumerable<UserDto>>> List(IGrainFactory grains)
    {
        var names = await grains.GetGrain<INameIndexGrain>(INameIndexGrain.Users).List();
        var users = await Task.WhenAll(names.Select(n => grains.GetGrain<IUserGrain>(n).Get()));
        return TypedResults.Ok(users.OfType<UserRecord>().Select(UserDto.From));
    }

    private static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(HttpContext context, IGrainFactory grains, Passwords passwords, DomainClock clock, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        var draft = UserBody.ReadDraft(fields);
        if (draft is null) return Problems.Invalid(fields.Errors);
        if (draft.UnitId is { } unit && await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(unit) is null)
            return Problems.NotFound($"Unit '{unit}' does not exist.");
        var user = new UserRecord(draft.Username, draft.DisplayName, draft.Role, draft.UnitId, false, passwords.Hash(draft.Password), clock.Now, 1);
        if (!await grains.GetGrain<IUserGrain>(draft.Username).Create(user, access.Actor(context)))
            return Problems.Conflict($"User '{draft.Username}' already exists.");
        return TypedResults.Created($"/api/v1/users/{user.Username}", UserDto.From(user));
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Update(string username, HttpContext context, IGrainFactory grains, Passwords passwords, Credentials credentials, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        var name = UserBody.Normalize(username);
        var account = UserBody.IsValidUsername(name) ? grains.GetGrain<IUserGrain>(name) : null;
        if (account is null || await account.Get() is not { } user) return UnknownUser(username);
        var fields = new BodyFields(body!);
        var patch = UserBody.ReadPatch(fields);
        if (patch is null) return Problems.Invalid(fields.Errors);

        var role = patch.Role ?? user.Role;
        var unitId = patch.UnitGiven ? patch.UnitId : user.UnitId;
        if (role == Role.Editor && unitId is null)
            return Problems.Invalid(new() { ["unitId"] = ["An editor is bound to a unit: unitId is required."] });
        if (patch.UnitGiven && unitId is not null && await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(unitId) is null)
            return Problems.NotFound($"Unit '{unitId}' does not exist.");
        var disabled = patch.Disabled ?? user.Disabled;
        if (user.Username == context.User.Username() && (disabled || role != Role.Admin))
            return Problems.Conflict("You cannot disable yourself or give up your own admin role.");

        var next = user with
        {
            DisplayName = patch.DisplayName ?? user.DisplayName,
            Role = role,
            UnitId = unitId,
            Disabled = disabled,
            PasswordHash = patch.Password is { } password ? passwords.Hash(password) : user.PasswordHash,
        };
        // What the user may do changed: tokens and sessions issued before end.
        if (next.Role != user.Role || next.UnitId != user.UnitId || next.Disabled != user.Disabled || patch.Password is not null)
            next = next with { Stamp = user.Stamp + 1 };
        if (next != user)
        {
            await account.Update(next, access.Actor(context));
            credentials.Forget(next.Username);
        }
        return TypedResults.Ok(UserDto.From(next));
    }
}
