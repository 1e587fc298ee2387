namespace Cascade.Web.Http;

/// <summary>
/// A query parameter a handler reads itself from <c>Request.Query</c> (to answer a repeated or
/// malformed one with its own field error, not the binder's), named on the route so that the
/// OpenAPI document lists it all the same (<see cref="RouteDeclarations.TakesQuery"/>).
/// </summary>
public sealed record QueryParameter(string Name, string Description);
