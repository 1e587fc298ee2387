using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Http;

/// <summary>
/// What the OpenAPI document says a route answers beyond its handler's return type: every
/// refusal is a <see cref="ProblemHttpResult"/>, whose status the type does not carry, so each
/// route names the ones its code (or the middleware in front of it) really answers.
/// </summary>
public static class RouteDeclarations
{
    private const string Json = "application/json";
    private const string MergePatch = "application/merge-patch+json";

    /// <summary>
    /// A route that reads a JSON body of shape <typeparamref name="T"/> with <see cref="RequestBody"/>:
    /// 400 with field errors, 413 above its size, 415 for another media type.
    /// </summary>
    public static RouteHandlerBuilder ReadsJson<T>(this RouteHandlerBuilder route, bool mergePatch = false) where T : notnull =>
        (mergePatch ? route.Accepts<T>(Json, MergePatch) : route.Accepts<T>(Json))
            .ProducesValidationProblem()
            .Refuses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A query parameter the handler reads itself, for the document.</summary>
    public static RouteHandlerBuilder TakesQuery(this RouteHandlerBuilder route, string name, string description) =>
        route.WithMetadata(new QueryParameter(name, description));

    /// <summary>A request header the handler reads itself, for the document.</summary>
    public static RouteHandlerBuilder TakesHeader(this RouteHandlerBuilder route, string name, string description) =>
        route.WithMetadata(new HeaderParameter(name, description));

    /// <summary>Declares problem-details answers with these statuses.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder route, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses) route.ProducesProblem(status);
        return route;
    }
}
