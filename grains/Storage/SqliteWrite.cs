using Microsoft.Data.Sqlite;

namespace Cascade.Storage;

/// <summary>One queued write: it runs inside the writer's shared transaction.</summary>
internal abstract class SqliteWrite
{
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs the operation; <paramref name="command"/> gives a prepared command for a SQL text.</summary>
    public abstract bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction);
}
