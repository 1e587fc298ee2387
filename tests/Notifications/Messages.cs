using Cascade.Alerts;
using Cascade.Notifications;
using Cascade.Notifications.Channels;
using Microsoft.Extensions.Logging;

namespace Cascade.Tests.Notifications;

/// <summary>Messages as the outbox hands them to a channel, and what a channel needs to be made.</summary>
public static class Messages
{
    public static readonly DateTimeOffset At = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    public static readonly NotifyTextSettings Text = new("https://cascade.example.gov.cn", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public static NotifyItem Overdue(string title = "主题党日", string unit = "第一党支部", NotifyEventKind kind = NotifyEventKind.Fired, int n = 1)
    {
        var alert = new Alert($"b1.{n}", "taskOverdue", AlertSeverity.Red, "b1", $"t{n}", AlertState.Firing, null, At, At,
            Figures: new AlertFigures(title, new DateOnly(2026, 2, 28)));
        return new NotifyItem(NotifyEvent.Of(kind, alert, At), ["市委", "机关党委", unit], $"https://cascade.example.gov.cn/app/alerts?unit=b1&alert=b1.{n}");
    }

    public static NotifyItem Behind(string unit = "第二党支部")
    {
        var alert = new Alert("b2.1", "unitBehind", AlertSeverity.Amber, "b2", null, AlertState.Firing, null, At, At, Figures: new AlertFigures(Unit: unit));
        return new NotifyItem(NotifyEvent.Of(NotifyEventKind.Escalated, alert, At), ["市委", unit], "https://cascade.example.gov.cn/app/alerts?unit=b2&alert=b2.1");
    }

    public static NotifyMessage Grouped(string language = "zh", params NotifyItem[] items) =>
        new($"route-a:{Guid.NewGuid():N}", "route-a", language, At, items.Length == 0 ? [Overdue()] : items);

    public static NotifyMessage Test(string language = "zh") => new($"test-{Guid.NewGuid():N}", "", language, At, [], NotifyMessageKind.Test);

    /// <summary>A logger that keeps every line, to look for secrets in.</summary>
    public sealed class Lines : ILogger
    {
        public List<string> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Written) Written.Add(formatter(state, exception) + exception);
        }
    }
}
