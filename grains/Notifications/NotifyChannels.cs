namespace Cascade.Notifications;

/// <summary>
/// The configured channels (<c>Cascade:Notify:Channels</c>) by name, made once at start by their
/// <c>Type</c>. Options were validated before (<see cref="NotifyOptionsValidation"/>).
/// </summary>
public sealed class NotifyChannels : INotifyChannels, IDisposable
{
    private readonly Dictionary<string, INotifyChannel> _byName = new(StringComparer.Ordinal);

    public NotifyChannels(NotifyOptions options, IServiceProvider services)
    {
        foreach (var (name, channel) in options.Channels)
            if (Create(name, channel, services) is { } made) _byName[name] = made;
    }

    public IReadOnlyCollection<INotifyChannel> All => _byName.Values;

    public INotifyChannel? Find(string name) => _byName.GetValueOrDefault(name);

    private static INotifyChannel? Create(string name, ChannelOptions options, IServiceProvider services) =>
        options.Type.Trim().ToLowerInvariant() switch
        {
            WebhookChannel.TypeName => new WebhookChannel(name, options),
            _ => Channels.NotifyChannelTypes.Create(name, options, services), // wecom, dingtalk, smtp
        };

    public void Dispose()
    {
        foreach (var channel in _byName.Values) (channel as IDisposable)?.Dispose();
    }
}
