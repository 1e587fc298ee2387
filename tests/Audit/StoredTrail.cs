namespace Cascade.Tests.Audit;

/// <summary>Direct access to a product's stored audit trail, past the product, to play the attacker.</summary>
public abstract class StoredTrail
{
    /// <summary>Gives entry <paramref name="seq"/> another actor and, when given, another hash.</summary>
    public abstract Task SetActor(string chain, long seq, string actor, string? hash = null);

    /// <summary>Replaces text inside the stored <c>after</c> of an entry.</summary>
    public abstract Task ReplaceInAfter(string chain, long seq, string text, string replacement);

    /// <summary>Deletes the entries from <paramref name="fromSeq"/> to <paramref name="toSeq"/> (to the end when null).</summary>
    public abstract Task Delete(string chain, long fromSeq = 1, long? toSeq = null);

    /// <summary>The seq of the chain's newest checkpoint, 0 when none.</summary>
    public abstract Task<long> CheckpointSeq(string chain);
}
