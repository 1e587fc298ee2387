namespace Cascade.Web.Access;

/// <summary>
/// The one place that decides whether the caller may write a unit (its tasks, or the unit
/// itself). Every write route asks it after the 404 checks and before reading the body's
/// meaning, so sign-in and roles can be added here without touching the routes.
/// Until sign-in exists every caller may write.
/// </summary>
public sealed class WriteAccess
{
    public ValueTask<bool> MayWrite(HttpContext context, string unitId) => ValueTask.FromResult(true);

    /// <summary>The actor recorded as <c>updatedBy</c>; null until sign-in exists.</summary>
    public string? Actor(HttpContext context) => context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
}
