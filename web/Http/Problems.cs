using Cascade.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Http;

/// <summary>
/// Problem details (RFC 9457) for every refusal, and the mapping from grain outcomes. Every one
/// is a <see cref="ProblemHttpResult"/> (<c>application/problem+json</c>), 400 included, so a
/// handler's answer type is <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>; which statuses a
/// route can answer is declared beside its mapping (<see cref="RouteDeclarations"/>).
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>400 with the problems of each field under <c>errors</c>.</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = "One or more fields are invalid.",
        });

    /// <summary>The HTTP answer for a failed result.</summary>
    public static ProblemHttpResult From<T>(Result<T> result) => result.Outcome switch
    {
        Outcome.NotFound => NotFound(result.Detail ?? "Not found."),
        Outcome.Invalid => Invalid(result.Errors ?? []),
        Outcome.PreconditionFailed => Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed", result.Detail),
        Outcome.Conflict => Status(StatusCodes.Status409Conflict, "Conflict", result.Detail),
        _ => throw new InvalidOperationException($"{result.Outcome} is not a failure."),
    };
}
