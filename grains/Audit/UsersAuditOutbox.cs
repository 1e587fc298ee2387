namespace Cascade.Audit;

/// <summary>The outbox of a user or kiosk grain: its drafts go to the users chain's grain, which places them.</summary>
public static class UsersAuditOutbox
{
    public static AuditOutbox<AuditDraft> Create(IGrainFactory grains, Func<List<AuditDraft>> drafts, Action<List<AuditDraft>> replace) =>
        new(drafts, replace, d => d.Ref!, (batch, redelivered) => grains.GetGrain<IAuditChainGrain>(AuditChains.Users).Append(batch, redelivered));
}
