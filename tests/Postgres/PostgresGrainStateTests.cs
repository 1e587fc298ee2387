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

    [Fact]
    public async Task Each_write_over_the_version_it_read_advances_it_and_is_read_back()
    {
        var grain = NewGrain();
        var first = State("one", null);
        await Storage.WriteStateAsync("note", grain, first);
        var second = State("two", first.ETag);
        await Storage.WriteStateAsync("note", grain, second);

        var read = State("", null);
        await Storage.ReadStateAsync("note", grain, read);
        Assert.Equal(("1", "2"), (first.ETag, second.ETag));
        Assert.Equal(("two", "2", true), (read.State!.Text, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task A_write_over_a_version_another_write_replaced_is_a_conflict_and_changes_nothing()
    {
        var grain = NewGrain();
        var first = State("one", null);
        await Storage.WriteStateAsync("note", grain, first);
        await Storage.WriteStateAsync("note", grain, State("two", first.ETag));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("note", grain, State("stale", first.ETag)));
        var read = State("", null);
        await Storage.ReadStateAsync("note", grain, read);
        Assert.Equal(("two", "2"), (read.State!.Text, read.ETag));
    }

    [Fact]
    public async Task A_first_write_where_a_row_is_already_is_a_conflict_and_changes_nothing()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("note", grain, State("one", null));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("note", grain, State("second activation", null)));
        var read = State("", null);
        await Storage.ReadStateAsync("note", grain, read);
        Assert.Equal(("one", "1"), (read.State!.Text, read.ETag));
    }

    [Fact]
    public async Task A_write_over_a_version_whose_row_is_gone_is_a_conflict_and_writes_nothing()
    {
        var grain = NewGrain();
        var first = State("one", null);
        await Storage.WriteStateAsync("note", grain, first);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM orleans_storage WHERE strpos(grain_id_extension, $1) > 0", connection);
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key(grain) });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("note", grain, State("after the delete", first.ETag)));
        var read = State("", null);
        await Storage.ReadStateAsync("note", grain, read);
        Assert.False(read.RecordExists);
    }
}
