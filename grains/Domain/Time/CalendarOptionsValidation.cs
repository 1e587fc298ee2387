using Microsoft.Extensions.Options;

namespace Cascade.Time;

/// <summary>
/// The calendar file, checked when the node starts: one that cannot be used stops the start with
/// what is wrong and where. The years it read are the ones the node serves (<see cref="Loaded"/>),
/// so the file is read once, at start.
/// </summary>
public sealed class CalendarOptionsValidation : IValidateOptions<CalendarOptions>
{
    /// <summary>The years of the last file (or the built-in calendar) that passed.</summary>
    public IReadOnlyDictionary<int, CalendarYear>? Loaded { get; private set; }

    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        try
        {
            Loaded = CalendarFile.Load(options.File);
            return ValidateOptionsResult.Success;
        }
        catch (CalendarFileException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
