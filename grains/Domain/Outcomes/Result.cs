namespace Cascade.Outcomes;

/// <summary>The answer of a grain command: an outcome, a value on success, and why otherwise.</summary>
[GenerateSerializer, Immutable, Alias("cascade.result`1")]
public sealed record Result<T>(
    [property: Id(0)] Outcome Outcome,
    [property: Id(1)] T? Value = default,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] Dictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Outcome is Outcome.Ok or Outcome.Created;

    public static Result<T> Ok(T value) => new(Outcome.Ok, value);
    public static Result<T> Created(T value) => new(Outcome.Created, value);
    public static Result<T> NotFound(string detail) => new(Outcome.NotFound, Detail: detail);
    public static Result<T> Conflict(string detail) => new(Outcome.Conflict, Detail: detail);
    public static Result<T> PreconditionFailed(string detail) => new(Outcome.PreconditionFailed, Detail: detail);
    public static Result<T> Invalid(Dictionary<string, string[]> errors) => new(Outcome.Invalid, Errors: errors);
    public static Result<T> Invalid(string field, string message) => Invalid(new() { [field] = [message] });

    /// <summary>The same failure carried as another result type.</summary>
    public Result<TOther> As<TOther>() => new(Outcome, default, Detail, Errors);
}
