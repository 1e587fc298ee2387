using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;

namespace Cascade.Tests.Access;

/// <summary>docs/api.md: the first start creates <c>admin</c>; with no password given it prints a generated one once. No default password ever.</summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed partial class FirstStartTests
{
    [GeneratedRegex(@"generated password (\S+) ")]
    private static partial Regex GeneratedPassword();

    [Fact]
    public async Task Without_CASCADE_ADMIN_PASSWORD_the_first_start_prints_a_generated_password_once()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        string password;
        await using (var first = await WebProcess.StartWithoutAdminPasswordAsync(folder.Path, database))
        {
            await Eventually.True(() => Task.FromResult(GeneratedPassword().IsMatch(first.Output)), "the generated password is printed");
            password = GeneratedPassword().Match(first.Output).Groups[1].Value;
            Assert.True(password.Length >= 10, password);
            foreach (var guess in new[] { "admin", "password", "admin123456", "" })
                Assert.Equal(HttpStatusCode.Unauthorized, (await first.Client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = guess })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.Client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password })).StatusCode);
            await first.KillAsync();
        }
        await using var second = await WebProcess.StartWithoutAdminPasswordAsync(folder.Path, database);
        await Task.Delay(500);
        Assert.DoesNotMatch(GeneratedPassword(), second.Output);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password })).StatusCode);
    }

    [Fact]
    public async Task A_CASCADE_ADMIN_PASSWORD_that_breaks_the_rule_stops_the_first_start_with_a_clear_message()
    {
        using var folder = new TempDirectory();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => WebProcess.StartWithoutAdminPasswordAsync(folder.Path, folder.File("cascade.db"), "--CASCADE_ADMIN_PASSWORD=short"));
        Assert.Contains("CASCADE_ADMIN_PASSWORD", failure.Message);
    }
}
