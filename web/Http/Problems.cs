using Cascade.Outcomes;

namespace Cascade.Web.Http;

/// <summary>Problem details (RFC 9457) for every refusal, and the mapping from grain outcomes.</summary>
public static class Problems
{
    public static IResult Status(int status, string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    public static IResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not Found", detail);

    public static IResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, "One or more fields are invalid.", title: "Invalid input");

    /// <summary>The HTTP answer for a failed result.</summary>
    public static IResult From<T>(Result<T> result) => result.Outcome switch
    {
        Outcome.NotFound => NotFound(result.Detail ?? "Not found."),
        Outcome.Invalid => Invalid(result.Errors ?? []),
        Outcome.PreconditionFailed => Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed", result.Detail),
        Outcome.Conflict => Status(StatusCodes.Status409Conflict, "Conflict", result.Detail),
        _ => throw new InvalidOperationException($"{result.Outcome} is not a failure."),
    };
}
