namespace Cascade.Notifications;

/// <summary>
/// One message a channel sends: one delivery id for every attempt (receivers drop repeats), the
/// route's language (<c>zh</c> or <c>en</c>) and its items. A digest holds a day's items of a
/// route; a grouped message a unit's items within the route's group wait; a test message none.
/// </summary>
public sealed record NotifyMessage(
    string DeliveryId,
    string Route,
    string Language,
    DateTimeOffset SentAt,
    IReadOnlyList<NotifyItem> Items,
    NotifyMessageKind Kind = NotifyMessageKind.Grouped,
    /// <summary>Events beyond the items, counted only (a burst: a message holds at most 50 items in full).</summary>
    int Omitted = 0);

[GenerateSerializer]
public enum NotifyMessageKind
{
    Grouped = 0,
    Digest = 1,
    Test = 2,
}

/// <summary>An event as a message names it: the unit's path of names (root first) and the ledger's address filtered on the alert.</summary>
public sealed record NotifyItem(NotifyEvent Event, IReadOnlyList<string> UnitPath, string LedgerUrl);
