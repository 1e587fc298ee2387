using Cascade.Storage;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace Cascade.Tests.Postgres;

/// <summary>
/// Orleans' ADO.NET grain storage over Cascade's own statement for a state write
/// (<c>WriteToStorageKey</c>): a write succeeds only over the version it read, a first write only
/// where no row is, and anything else is the provider's version conflict, never a write that
/// silently replaced another activation's.
/// </summary>
public sealed class PostgresGrainStateTests(PostgresGrainStateTests.Cluster cluster) : IClassFixture<PostgresGrainStateTests.Cluster>
{
    public sealed class Cluster : PostgresGrainCluster;

    [GenerateSerializer]
    public sealed class Note
    {
        [Id(0)] public string Text { get; set; } = "";
    }

    private IGrainStorage Storage => cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private static GrainState<Note> State(string text, string? etag) => new(new Note { Text = text }) { ETag = etag };

    private static GrainId NewGrain() => GrainId.Create("note", "n-" + Guid.NewGuid().ToString("N")); // a string key (a bare guid's text would be read as a guid key)

    private static string Key(GrainId grain) => grain.Key.ToString()!;

    /// <summary>Writes <paramref name="text"/> over <paramref name="etag"/>; answers the state with the ETag the write gave it.</summary>
    private async Task<GrainState<Note>> Write(GrainId grain, string text, string? etag)
    {
        var state = State(text, etag);
        await Storage.WriteStateAsync("note", grain, state);
        return state;
    }

    private async Task<GrainState<Note>> Read(GrainId grain)
    {
        var read = State("", null);
        await Storage.ReadStateAsync("note", grain, read);
        return read;
    }

    [Fact]
    public async Task Each_write_over_the_version_it_read_advances_it_and_is_read_back()
    {
        var grain = NewGrain();
        var first = await Write(grain, "one", null);
        var second = await Write(grain, "two", first.ETag);

        var read = await Read(grain);
        Assert.Equal(("1", "2"), (first.ETag, second.ETag));
        Assert.Equal(("two", "2", true), (read.State!.Text, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task A_write_over_a_version_another_write_replaced_is_a_conflict_and_changes_nothing()
    {
        var grain = NewGrain();
        var first = await Write(grain, "one", null);
        await Write(grain, "two", first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(grain, "stale", first.ETag));
        var read = await Read(grain);
        Assert.Equal(("two", "2"), (read.State!.Text, read.ETag));
    }

    [Fact]
    public async Task A_first_write_where_a_row_is_already_is_a_conflict_and_changes_nothing()
    {
        var grain = NewGrain();
        await Write(grain, "one", null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(grain, "second activation", null));
        var read = await Read(grain);
        Assert.Equal(("one", "1"), (read.State!.Text, read.ETag));
    }

    [Fact]
    public async Task A_write_over_a_version_whose_row_is_gone_is_a_conflict_and_writes_nothing()
    {
        var grain = NewGrain();
        var first = await Write(grain, "one", null);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM orleans_storage WHERE strpos(grain_id_extension, $1) > 0", connection);
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key(grain) });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(grain, "after the delete", first.ETag));
        var read = await Read(grain);
        Assert.False(read.RecordExists);
    }
}
