using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cascade.Web.Identity;

/// <summary>
/// The sign-in cookie is called <c>__Host-cascade</c> over HTTPS and <c>cascade</c> over plain
/// HTTP (docs/api.md): browsers refuse a <c>__Host-</c> cookie that is not Secure, so the prefix is
/// used only where it can hold.
/// </summary>
public sealed class SchemeAwareCookies : ICookieManager
{
    public const string Name = "cascade";
    private readonly ChunkingCookieManager _inner = new();

    private static string For(HttpContext context) => context.Request.IsHttps ? $"__Host-{Name}" : Name;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, For(context));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, For(context), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, For(context), options);
}
