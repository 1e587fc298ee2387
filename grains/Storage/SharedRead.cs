namespace Cascade.Storage;

/// <summary>
/// A read made once for many callers: those who ask while one is under way share the next,
/// which starts when it ends. Never the one under way: it started before they asked, and may
/// miss rows stored just before.
/// </summary>
internal sealed class SharedRead<T>(Func<Task<T>> read)
{
    private readonly Lock _lock = new();
    private Task<T>? _running;
    private Task<T>? _next;

    public Task<T> Get()
    {
        lock (_lock)
        {
            if (_running is null || _running.IsCompleted) return _running = read();
            return _next ??= After(_running);
        }
    }

    private async Task<T> After(Task<T> running)
    {
        // Yields first, so Get has stored this task as the next before it becomes the one running.
        await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        Task<T> mine;
        lock (_lock)
        {
            mine = _running = read();
            _next = null;
        }
        return await mine;
    }
}
