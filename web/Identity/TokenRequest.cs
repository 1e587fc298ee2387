namespace Cascade.Web.Identity;

/// <summary>The body of <c>POST /api/v1/auth/token</c> as the OpenAPI document shows it (read field by field in <see cref="AuthApi"/>).</summary>
public sealed record TokenRequest(string Username, string Password);
