using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cascade.Notifications.Channels;

/// <summary>
/// The channels of <c>Cascade:Notify:Channels</c> whose type <see cref="NotifyChannelTypes"/>
/// makes, by name. A channel whose settings are wrong stops the start with every error named.
/// </summary>
public sealed class ConfiguredChannels : INotifyChannels
{
    private readonly Dictionary<string, INotifyChannel> _channels = new(StringComparer.Ordinal);

    public ConfiguredChannels(IConfiguration configuration, IServiceProvider services)
    {
        var options = configuration.GetSection(NotifyOptions.Section).Get<NotifyOptions>() ?? new NotifyOptions();
        var errors = options.Channels.SelectMany(c => NotifyChannelTypes.Validate(c.Key, c.Value)).ToList();
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        foreach (var (name, channel) in options.Channels)
            if (NotifyChannelTypes.Create(name, channel, services) is { } made) _channels[name] = made;
    }

    public IReadOnlyCollection<INotifyChannel> All => _channels.Values;

    public INotifyChannel? Find(string name) => _channels.GetValueOrDefault(name);
}

public static class NotifyChannelRegistration
{
    /// <summary>The configured channels, unless another registration of <see cref="INotifyChannels"/> came first.</summary>
    public static IServiceCollection AddNotifyChannels(this IServiceCollection services)
    {
        services.TryAddSingleton<INotifyChannels, ConfiguredChannels>();
        services.AddHostedService<ChannelsAtStart>();
        return services;
    }

    /// <summary>Makes the channels while the host starts, so wrong settings stop the start rather than the first message.</summary>
    private sealed class ChannelsAtStart(INotifyChannels channels) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(channels.All.Count);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
