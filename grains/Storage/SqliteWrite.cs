using Microsoft.Data.Sqlite;

namespace Cascade.Storage;

/// <summary>One queued write: it runs inside the writer's shared transaction.</summary>
internal abstract class SqliteWrite
{
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when the operation can fail without its batch failing (it then runs in a savepoint).</summary>
    public virtual bool MayFail => false;

    /// <summary>Set by the writer when a <see cref="MayFail"/> operation failed.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Runs the operation; <paramref name="command"/> gives a prepared command for a SQL text.</summary>
    public abstract bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction);
}
