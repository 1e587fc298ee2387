namespace Cascade.Notifications;

/// <summary>
/// A configured channel (<c>Cascade:Notify:Channels:{name}</c>): sends one message and says what
/// the receiver answered. It never throws for a receiver's refusal or an unreachable receiver:
/// that is an answer not delivered, retried by the outbox with the same delivery id.
/// </summary>
public interface INotifyChannel
{
    string Name { get; }
    /// <summary>webhook, wecom, dingtalk or smtp.</summary>
    string Type { get; }
    Task<DeliveryAnswer> SendAsync(NotifyMessage message, CancellationToken cancellationToken);
}

/// <summary>A send's outcome: the receiver's status (HTTP status or SMTP reply code) and its answer, cut to at most 1,000 characters; never a secret.</summary>
public sealed record DeliveryAnswer(bool Delivered, int? Status, string? Answer);

/// <summary>The configured channels by name.</summary>
public interface INotifyChannels
{
    IReadOnlyCollection<INotifyChannel> All { get; }
    INotifyChannel? Find(string name);
}
