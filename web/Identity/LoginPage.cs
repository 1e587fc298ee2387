using System.Text.Encodings.Web;
using Cascade.Time;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cascade.Web.Identity;

/// <summary>
/// <c>/login</c> for browsers: a plain form (no script, so the page keeps to the strict
/// content security policy), antiforgery-checked, the same sign-in checks as tokens, then the
/// cookie. <c>POST /logout</c> ends the session, on the server as in the browser.
/// </summary>
public static class LoginPage
{
    public static WebApplication MapLoginPage(this WebApplication app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? lang) =>
            Page(context, antiforgery, ReturnUrl.Local(returnUrl), lang, null, StatusCodes.Status200OK)).AllowAnonymous();
        app.MapPost("/login", Submit).AllowAnonymous().RequireRateLimiting(AuthApi.SignInLimit);
        app.MapPost("/logout", async Task<Results<ProblemHttpResult, RedirectHttpResult>> (HttpContext context, IAntiforgery antiforgery, SignOut signOut) =>
        {
            // No form fields to bind, so nothing checks the token unless asked.
            if (!await antiforgery.IsRequestValidAsync(context))
                return Problems.Status(StatusCodes.Status400BadRequest, "Bad Request", "The form's antiforgery token is missing or wrong.");
            // On the server first: the browser forgetting its cookie would leave every copy of it valid.
            await signOut.EndAsync(context);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Redirect("/login");
        }).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Submit(
        HttpContext context, IAntiforgery antiforgery, SignIn signIn,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, [FromForm] string? lang)
    {
        var target = ReturnUrl.Local(returnUrl);
        var zh = lang != "en";
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            return Page(context, antiforgery, target, lang, zh ? "请输入用户名和密码。" : "Enter your username and password.", StatusCodes.Status400BadRequest);
        var outcome = await signIn.Attempt(username, password, ClientAddress.Of(context));
        switch (outcome)
        {
            case SignIn.Accepted { User: var user }:
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    CascadeClaims.For(user, CookieAuthenticationDefaults.AuthenticationScheme, CascadeClaims.NewSession()));
                return TypedResults.Redirect(target);
            case SignIn.Locked { Wait: var wait }:
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                RetryAfterHeader.Set(context.Response, wait);
                return Page(context, antiforgery, target, lang,
                    zh ? $"登录失败次数过多，请 {minutes} 分钟后再试。" : $"Too many failed sign-ins; try again in {minutes} minutes.",
                    StatusCodes.Status429TooManyRequests);
            default:
                return Page(context, antiforgery, target, lang, zh ? "用户名或密码错误，或账号已停用。" : "Wrong username or password, or the account is disabled.",
                    StatusCodes.Status401Unauthorized);
        }
    }

    // Chinese stays readable in the page's source; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? lang, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var en = lang == "en";
        var h = Html;
        string T(string zh, string english) => h.Encode(en ? english : zh);
        var html = $$"""
            <!doctype html>
            <html lang="{{(en ? "en" : "zh-CN")}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{T("登录 · Cascade", "Sign in · Cascade")}}</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/login.css">
            </head>
            <body>
              <main>
                <h1>{{T("党建业务双轮驱动 · 实时监测", "Dual-wheel drive · live monitoring")}}</h1>
                <form method="post" action="/login">
                  <input type="hidden" name="{{h.Encode(tokens.FormFieldName)}}" value="{{h.Encode(tokens.RequestToken ?? "")}}">
                  <input type="hidden" name="returnUrl" value="{{h.Encode(returnUrl)}}">
                  <input type="hidden" name="lang" value="{{(en ? "en" : "zh")}}">
                  <label>{{T("用户名", "Username")}}<input name="username" autocomplete="username" required autofocus></label>
                  <label>{{T("密码", "Password")}}<input name="password" type="password" autocomplete="current-password" required></label>
                  {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{h.Encode(error)}</p>")}}
                  <button type="submit">{{T("登录", "Sign in")}}</button>
                </form>
                <p class="lang"><a href="/login?lang={{(en ? "zh" : "en")}}&amp;returnUrl={{h.Encode(Uri.EscapeDataString(returnUrl))}}">{{(en ? "中文" : "English")}}</a></p>
              </main>
            </body>
            </html>
            """;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
