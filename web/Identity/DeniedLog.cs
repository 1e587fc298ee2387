using Cascade.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cascade.Web.Identity;

/// <summary>
/// Every refused authorization is logged, with who, what and from where: the fallback and
/// role policies (through ASP.NET Core's result handler) and the per-unit write checks
/// (<see cref="WriteAccess"/>).
/// </summary>
public sealed partial class DeniedLog(ILogger<DeniedLog> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden || result.Challenged) Denied(context, result.Forbidden ? "forbidden" : "not signed in", null);
        return _default.HandleAsync(next, context, policy, result);
    }

    public void Denied(HttpContext context, string reason, string? unitId) =>
        LogDenied(context.User.Identity?.Name ?? "(anonymous)", context.Request.Method, context.Request.Path.Value ?? "", unitId ?? "", reason,
            ClientAddress.Of(context));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied: {Actor} {Method} {Path} unit '{UnitId}' ({Reason}) from {Address}")]
    private partial void LogDenied(string actor, string method, string path, string unitId, string reason, string address);
}
