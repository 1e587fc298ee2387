namespace Cascade.Web.Identity;

/// <summary>The answer of <c>POST /api/v1/auth/token</c>: a bearer token, how long it lasts (seconds), and whose it is.</summary>
public sealed record TokenAnswer(string AccessToken, string TokenType, long ExpiresIn, UserDto User);
