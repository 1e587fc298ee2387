using System.Diagnostics;
using System.Threading.Channels;
using Cascade.Telemetry;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The one writer of the database file. Writes queue up and commit together in one
/// transaction (group commit): a caller is answered only after its transaction committed,
/// and many concurrent grains share one commit instead of paying one each. Grain states and
/// audit entries pass through the same queue.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly Channel<SqliteWrite> _queue = Channel.CreateUnbounded<SqliteWrite>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private volatile Exception? _lastFailure;

    public SqliteWriter(string connectionString, string synchronous, int maxBatch)
    {
        _maxBatch = maxBatch;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous={synchronous.ToUpperInvariant()};";
            pragma.ExecuteNonQuery();
        }
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning).Unwrap();
    }

    /// <summary>Why the latest commit failed; null once one commits again (readiness reads it).</summary>
    public Exception? LastFailure => _lastFailure;

    /// <summary>Queues a write and completes when its transaction committed, with what it answered.</summary>
    public Task<bool> Enqueue(SqliteWrite operation)
    {
        if (CascadeTelemetry.StorageWriteDuration.Enabled) operation.Enqueued = Stopwatch.GetTimestamp();
        if (!_queue.Writer.TryWrite(operation))
            operation.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteWriter)));
        return operation.Completion.Task;
    }

    private async Task Run()
    {
        var batch = new List<SqliteWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var op)) batch.Add(op);
            Commit(batch);
        }
    }

    private void Commit(List<SqliteWrite> batch)
    {
        var results = new bool[batch.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++) results[i] = batch[i].Apply(Command, transaction);
            transaction.Commit();
        }
        catch (Exception error)
        {
            _lastFailure = error;
            foreach (var op in batch) op.Completion.TrySetException(error);
            return;
        }
        _lastFailure = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var op = batch[i];
            if (op.Enqueued != 0)
                CascadeTelemetry.StorageWriteDuration.Record(Stopwatch.GetElapsedTime(op.Enqueued).TotalSeconds,
                    new KeyValuePair<string, object?>(CascadeTelemetry.Tags.Kind, op.Kind));
            op.Completion.TrySetResult(results[i]);
        }
    }

    /// <summary>A prepared command per SQL text, bound to the current transaction.</summary>
    private SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        SqliteBinding.Reset(command);
        return command;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(10));
        foreach (var command in _commands.Values) command.Dispose();
        _connection.Dispose();
    }
}
