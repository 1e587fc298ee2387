using System.Text.RegularExpressions;
using Cascade.Identity;
using Cascade.Units;
using Cascade.Web.Http;

namespace Cascade.Web.Identity;

/// <summary>Reads the bodies of the user routes (docs/api.md "Identity and access").</summary>
public static partial class UserBody
{
    public const int MaxDisplayName = 64;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{1,31}\z")]
    private static partial Regex UsernamePattern();

    /// <summary>Usernames are compared in lower case.</summary>
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static bool IsValidUsername(string username) => UsernamePattern().IsMatch(username);

    public sealed record Draft(string Username, string Password, string DisplayName, Role Role, string? UnitId);

    public sealed record Patch(string? DisplayName, Role? Role, string? UnitId, bool UnitGiven, bool? Disabled, string? Password);

    public static Draft? ReadDraft(BodyFields fields)
    {
        var username = fields.String("username", required: true) is { } name ? Normalize(name) : null;
        if (username is not null && !IsValidUsername(username))
            fields.Fail("username", "username is 2 to 32 characters: a-z, 0-9, '.', '_' or '-', starting with a letter or digit.");
        var password = fields.String("password", required: true);
        if (password is not null) fields.Check("password", Passwords.Check(password));
        var displayName = DisplayName(fields, required: true);
        var role = fields.Enum<Role>("role", required: true);
        var unitId = UnitId(fields);
        if (role == Role.Editor && unitId is null && !fields.HasErrors) fields.Fail("unitId", "An editor is bound to a unit: unitId is required.");
        return fields.HasErrors ? null : new Draft(username!, password!, displayName!, role!.Value, unitId);
    }

    public static Patch? ReadPatch(BodyFields fields)
    {
        var displayName = fields.Has("displayName") ? DisplayName(fields, required: true) : null;
        var role = fields.Enum<Role>("role");
        var unitGiven = fields.Has("unitId");
        var unitId = UnitId(fields);
        var disabled = fields.Bool("disabled");
        var password = fields.String("password");
        if (password is not null) fields.Check("password", Passwords.Check(password));
        return fields.HasErrors ? null : new Patch(displayName, role, unitId, unitGiven, disabled, password);
    }

    private static string? DisplayName(BodyFields fields, bool required)
    {
        var name = fields.String("displayName", required: required, trim: true);
        if (name is not null && (name.Length == 0 || name.Length > MaxDisplayName))
            fields.Fail("displayName", $"displayName is 1 to {MaxDisplayName} characters.");
        else if (name is not null) fields.Check("displayName", Text.DisplayText.Check("displayName", name));
        return name;
    }

    private static string? UnitId(BodyFields fields)
    {
        var unitId = fields.String("unitId", nullable: true);
        if (unitId is not null && !UnitRules.IsValidId(unitId)) fields.Fail("unitId", "unitId is not a unit id.");
        return unitId;
    }
}
