using Cascade.Storage;

namespace Cascade.Tests.Unit;

/// <summary>
/// Callers that ask while a read is under way share the next one, never the one under way: it
/// started before they asked and may miss what was stored just before.
/// </summary>
public sealed class SharedReadTests
{
    private sealed class Reads
    {
        public List<TaskCompletionSource<int>> Started { get; } = [];

        public Task<int> Read()
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Started) Started.Add(read);
            return read.Task;
        }

        public async Task<TaskCompletionSource<int>> Nth(int n)
        {
            for (var i = 0; i < 500; i++)
            {
                lock (Started) if (Started.Count >= n) return Started[n - 1];
                await Task.Delay(10);
            }
            throw new TimeoutException($"read {n} never started");
        }
    }

    [Fact]
    public async Task Callers_during_a_read_share_the_next_one_which_starts_when_it_ends()
    {
        var reads = new Reads();
        var shared = new SharedRead<int>(reads.Read);

        var first = shared.Get();
        var second = shared.Get();
        var third = shared.Get();
        Assert.Single(reads.Started);
        Assert.Same(second, third);

        (await reads.Nth(1)).SetResult(1);
        Assert.Equal(1, await first);
        (await reads.Nth(2)).SetResult(2);
        Assert.Equal(2, await second);
        Assert.Equal(2, await third);
        Assert.Equal(2, reads.Started.Count);

        var later = shared.Get(); // nothing under way: a read of its own at once
        Assert.Equal(3, reads.Started.Count);
        reads.Started[2].SetResult(3);
        Assert.Equal(3, await later);
    }

    [Fact]
    public async Task A_failed_read_fails_its_callers_only_and_the_next_one_still_runs()
    {
        var reads = new Reads();
        var shared = new SharedRead<int>(reads.Read);

        var first = shared.Get();
        var second = shared.Get();
        (await reads.Nth(1)).SetException(new IOException("no answer"));
        await Assert.ThrowsAsync<IOException>(() => first);
        (await reads.Nth(2)).SetResult(2);
        Assert.Equal(2, await second);
    }
}
