using Cascade.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Hosting;

public static class CalendarExtensions
{
    /// <summary>
    /// <c>Cascade:Calendar</c> and the one <see cref="IWorkingCalendar"/> of the node: the built-in
    /// calendar or the file <c>Cascade:Calendar:File</c> names, checked when the node starts (a file
    /// that cannot be used stops the start, naming the file and the line or field). A year it does not
    /// cover is logged once, as a warning, when a day of it is first asked about.
    /// </summary>
    public static IServiceCollection AddCascadeCalendar(this IServiceCollection services)
    {
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidation>());
        services.TryAddSingleton<IWorkingCalendar>(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<WorkingCalendar>>();
            return new WorkingCalendar(CalendarFile.Load(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.File),
                message => logger.LogWarning("{Message}", message));
        });
        return services;
    }
}
