using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cascade.Tests.Support;

/// <summary>Every log message of a test app at Information and above, as text, to assert on.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
