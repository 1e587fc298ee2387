namespace Cascade.Web.Http;

/// <summary>
/// A request header a handler reads itself (<c>If-Match</c>), named on the route so that the
/// OpenAPI document lists it (<see cref="RouteDeclarations.TakesHeader"/>).
/// </summary>
public sealed record HeaderParameter(string Name, string Description);
