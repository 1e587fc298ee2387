using System.Collections.Concurrent;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Tests.Grains;

/// <summary>
/// A write that lands while its answer is lost: Azure Table Storage under load times out, the
/// SDK sends the same write again, and that retry conflicts with the write itself. Seen in
/// <c>bench -- cluster</c> (an import's insert answered 409 "already exists"). The unit
/// recognises its own write and goes on; before, the write failed though it was stored, and the
/// activation held a stale ETag.
/// </summary>
public sealed class LostAnswerTests(LostAnswerTests.Cluster cluster) : IClassFixture<LostAnswerTests.Cluster>
{
    /// <summary>The grain cluster on storage that, once per grain asked for, stores a write and then answers as the SDK's retry would.</summary>
    public sealed class Cluster : GrainCluster
    {
        public ConcurrentDictionary<GrainId, bool> LoseNextAnswer { get; } = new();

        protected override void ConfigureStorage(IServiceCollection services) =>
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) => new LosingAnswers(
                new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()),
                LoseNextAnswer));
    }

    private sealed class LosingAnswers(IGrainStorage stored, ConcurrentDictionary<GrainId, bool> lose) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => stored.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var etag = grainState.ETag;
            await stored.WriteStateAsync(stateName, grainId, grainState);
            if (!lose.TryRemove(grainId, out _)) return;
            grainState.ETag = etag; // the answer, with the new ETag, never arrived
            throw new InconsistentStateException("The retried write found the entity changed.", etag, "?");
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => stored.ClearStateAsync(stateName, grainId, grainState);
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_succeeds_and_the_next_write_too()
    {
        var unit = cluster.Unit((await cluster.Chain("lost", 1))[0]);
        await unit.CreateTask(TreeFixture.Draft("a"), null);

        cluster.LoseNextAnswer[GrainId.Create("unit", "lost-1")] = true;
        var first = await unit.PatchTask("a", new TaskPatch { Progress = 40 }, null, null);
        Assert.True(first.Succeeded, first.Detail);
        Assert.Empty(cluster.LoseNextAnswer); // the answer was lost indeed

        var second = await unit.PatchTask("a", new TaskPatch { Progress = 50 }, null, null);
        Assert.True(second.Succeeded, second.Detail);
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(50, (await unit.GetTask("a")).Value!.Progress);
    }
}
