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
    /// calendar or the file <c>Cascade:Calendar:File</c> names, read and checked once when the node
    /// starts (a file that cannot be used stops the start, naming the file and the line or field). A year it does not
    /// cover is logged once, as a warning, when a day of it is first asked about.
    /// </summary>
    public static IServiceCollection AddCascadeCalendar(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CalendarOptionsValidation))) return services;
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateOnStart();
        services.AddSingleton<CalendarOptionsValidation>();
        services.AddSingleton<IValidateOptions<CalendarOptions>>(sp => sp.GetRequiredService<CalendarOptionsValidation>());
        services.TryAddSingleton<IWorkingCalendar>(sp =>
        {
            var validation = sp.GetRequiredService<CalendarOptionsValidation>();
            // Read at start; without a start (a bare service provider), checked and read now, throwing when it cannot be used.
            if (validation.Loaded is null) _ = sp.GetRequiredService<IOptions<CalendarOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<WorkingCalendar>>();
            return new WorkingCalendar(validation.Loaded!, message => logger.LogWarning("{Message}", message));
        });
        return services;
    }
}
