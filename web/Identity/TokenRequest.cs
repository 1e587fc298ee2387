using Cascade.Web.Http;

namespace Cascade.Web.Identity;

/// <summary>The body of <c>POST /api/v1/auth/token</c>.</summary>
public sealed record TokenRequest(string Username, string Password)
{
    /// <summary>The request, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static TokenRequest? Read(BodyFields fields)
    {
        var username = fields.String("username", required: true);
        var password = fields.String("password", required: true);
        return fields.HasErrors ? null : new(username!, password!);
    }
}
