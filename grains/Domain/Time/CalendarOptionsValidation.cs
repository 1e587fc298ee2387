using Microsoft.Extensions.Options;

namespace Cascade.Time;

/// <summary>The calendar file, checked when the node starts: one that cannot be used stops the start with what is wrong and where.</summary>
public sealed class CalendarOptionsValidation : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        try
        {
            CalendarFile.Load(options.File);
            return ValidateOptionsResult.Success;
        }
        catch (CalendarFileException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
