using System.Security.Cryptography;
using Cascade.Audit;
using Cascade.Identity;
using Cascade.Time;

namespace Cascade.Web.Identity;

/// <summary>
/// The first start creates user <c>admin</c> with the password from <c>CASCADE_ADMIN_PASSWORD</c>
/// or, when that is unset, a generated one that is printed once. There is never a default password.
/// </summary>
public sealed partial class AdminAccount(
    IGrainFactory grains, Passwords passwords, IConfiguration configuration, DomainClock clock, ILogger<AdminAccount> logger)
{
    public const string Username = "admin";
    public const string PasswordSetting = "CASCADE_ADMIN_PASSWORD";

    public async Task EnsureAsync()
    {
        if ((await grains.GetGrain<INameIndexGrain>(INameIndexGrain.Users).List()).Count > 0) return;
        var given = configuration[PasswordSetting];
        if (given is not null && Passwords.Check(given) is { } problem)
            throw new InvalidOperationException($"{PasswordSetting} cannot be used: {problem}");
        var password = given ?? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var admin = new UserRecord(Username, "管理员", Role.Admin, null, false, passwords.Hash(password), clock.Now, 1);
        if (!await grains.GetGrain<IUserGrain>(Username).Create(admin, AuditActions.System)) return;
        if (given is null) LogGenerated(Username, password);
        else LogFromSetting(Username, PasswordSetting);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created user '{Username}' with the generated password {Password} . It is shown only this once; change it with PUT /api/v1/me/password.")]
    private partial void LogGenerated(string username, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: created user '{Username}' with the password from {Setting}.")]
    private partial void LogFromSetting(string username, string setting);
}
