using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage;

/// <summary>
/// The one writer of the database file. Writes queue up and commit together in one
/// transaction (group commit): a caller is answered only after its transaction committed,
/// and many concurrent grains share one commit instead of paying one each.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private readonly SqliteCommand _insert, _update, _delete;

    public SqliteWriter(string connectionString, string synchronous, int maxBatch)
    {
        _maxBatch = maxBatch;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute($"PRAGMA synchronous={synchronous.ToUpperInvariant()};");
        _insert = Prepare("INSERT INTO grain_state(id, etag, data) VALUES ($id, $etag, $data) ON CONFLICT(id) DO NOTHING;");
        _update = Prepare("UPDATE grain_state SET etag = $etag, data = $data WHERE id = $id AND etag = $expected;");
        _delete = Prepare("DELETE FROM grain_state WHERE id = $id AND etag = $expected;");
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning).Unwrap();
    }

    /// <summary>Queues a write and completes when it committed: true, or false on an etag mismatch.</summary>
    public Task<bool> Enqueue(WriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
            operation.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteWriter)));
        return operation.Completion.Task;
    }

    private async Task Run()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var op)) batch.Add(op);
            Commit(batch);
        }
    }

    private void Commit(List<WriteOperation> batch)
    {
        var results = new bool[batch.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++) results[i] = Apply(batch[i], transaction);
            transaction.Commit();
        }
        catch (Exception error)
        {
            foreach (var op in batch) op.Completion.TrySetException(error);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
    }

    private bool Apply(WriteOperation op, SqliteTransaction transaction)
    {
        var command = op.Data is null ? _delete : op.ExpectedEtag is null ? _insert : _update;
        command.Transaction = transaction;
        command.Parameters["$id"].Value = op.Id;
        if (command != _insert) command.Parameters["$expected"].Value = op.ExpectedEtag ?? 0;
        if (command != _delete)
        {
            command.Parameters["$etag"].Value = op.NewEtag;
            command.Parameters["$data"].Value = op.Data;
        }
        // A delete of a row that is already gone counts as done.
        return command.ExecuteNonQuery() == 1 || op.Data is null && op.ExpectedEtag is null;
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$id", "$etag", "$data", "$expected" })
            if (sql.Contains(name)) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _insert.Dispose();
        _update.Dispose();
        _delete.Dispose();
        _connection.Dispose();
    }
}

/// <summary>One queued write: <see cref="Data"/> null means delete.</summary>
internal sealed record WriteOperation(string Id, long? ExpectedEtag, long NewEtag, byte[]? Data)
{
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
