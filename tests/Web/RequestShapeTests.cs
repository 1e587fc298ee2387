using System.Text.Json;
using Cascade.Web.Alerts;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Cascade.Web.Inspections;
using Cascade.Web.Tasks;
using Cascade.Web.Units;

namespace Cascade.Tests.Web;

/// <summary>
/// The request records the OpenAPI document shows (<c>.Accepts&lt;T&gt;</c>) against the field
/// readers that really read the bodies: a field read but not shown, or shown but never read,
/// fails here.
/// </summary>
public sealed class RequestShapeTests
{
    public static TheoryData<Type, string> Readers => new()
    {
        { typeof(NewTask), nameof(TaskBody.ReadDraft) },
        { typeof(TaskChanges), nameof(TaskBody.ReadPatch) },
        { typeof(NewUnit), nameof(UnitBody.ReadDraft) },
        { typeof(UnitChanges), nameof(UnitBody.ReadPatch) },
        { typeof(NewUser), nameof(UserBody.ReadDraft) },
        { typeof(UserChanges), nameof(UserBody.ReadPatch) },
        { typeof(TokenRequest), nameof(TokenRequest.Read) },
        { typeof(PasswordChange), nameof(PasswordChange.Read) },
        { typeof(NewKiosk), nameof(NewKiosk.Read) },
        { typeof(Acknowledgement), nameof(Acknowledgement.Read) },
        { typeof(NewInspection), nameof(InspectionBody.Read) },
    };

    private static readonly Dictionary<Type, Func<BodyFields, object?>> Read = new()
    {
        [typeof(NewTask)] = TaskBody.ReadDraft,
        [typeof(TaskChanges)] = TaskBody.ReadPatch,
        [typeof(NewUnit)] = UnitBody.ReadDraft,
        [typeof(UnitChanges)] = UnitBody.ReadPatch,
        [typeof(NewUser)] = UserBody.ReadDraft,
        [typeof(UserChanges)] = UserBody.ReadPatch,
        [typeof(TokenRequest)] = TokenRequest.Read,
        [typeof(PasswordChange)] = PasswordChange.Read,
        [typeof(NewKiosk)] = NewKiosk.Read,
        [typeof(Acknowledgement)] = Acknowledgement.Read,
        [typeof(NewInspection)] = fields => InspectionBody.Read(fields, "root"),
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_reader_reads_exactly_the_fields_of_its_record(Type record, string reader)
    {
        using var empty = JsonDocument.Parse("{}");
        var fields = new BodyFields(RequestBody.Of(empty.RootElement));
        Read[record](fields);
        var shown = record.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);
        Assert.True(shown.SequenceEqual(fields.Asked.Order(StringComparer.Ordinal)),
            $"{reader} reads [{string.Join(", ", fields.Asked.Order(StringComparer.Ordinal))}], {record.Name} shows [{string.Join(", ", shown)}]");
    }
}
