namespace Cascade.Storage;

/// <summary>Streams of groups, each in ordinal order of their chains' names, merged into one such stream (a chain's groups joined).</summary>
internal static class ChainMerge
{
    public static async IAsyncEnumerable<(string Chain, List<T> Group)> Merge<T>(IEnumerable<IAsyncEnumerable<(string Chain, List<T> Group)>> streams)
    {
        var open = new List<IAsyncEnumerator<(string Chain, List<T> Group)>>();
        try
        {
            foreach (var stream in streams)
            {
                var next = stream.GetAsyncEnumerator();
                if (await next.MoveNextAsync()) open.Add(next);
                else await next.DisposeAsync();
            }
            while (open.Count > 0)
            {
                var chain = open.Select(s => s.Current.Chain).Min(StringComparer.Ordinal)!;
                var group = new List<T>();
                foreach (var stream in open.Where(s => s.Current.Chain == chain).ToList())
                {
                    group.AddRange(stream.Current.Group);
                    if (await stream.MoveNextAsync()) continue;
                    open.Remove(stream);
                    await stream.DisposeAsync();
                }
                yield return (chain, group);
            }
        }
        finally
        {
            foreach (var stream in open) await stream.DisposeAsync();
        }
    }
}
