using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>One queued write: it runs inside the writer's shared transaction.</summary>
internal abstract class SqliteWrite
{
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What it writes, as cascade.storage.write.duration's <c>kind</c> tag.</summary>
    public abstract string Kind { get; }

    /// <summary>When it joined the queue (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0 while nobody measures).</summary>
    public long Enqueued { get; set; }

    /// <summary>Runs the operation; <paramref name="command"/> gives a prepared command for a SQL text.</summary>
    public abstract bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction);
}
