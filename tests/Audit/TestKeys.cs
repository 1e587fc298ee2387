using Cascade.Audit;

namespace Cascade.Tests.Audit;

/// <summary>Audit keys for tests that make entries or checkpoints without a node.</summary>
public static class TestKeys
{
    /// <summary>The key of <see cref="Azurite"/>'s settings, as its text.</summary>
    public const string Text = Azurite.AuditKeyText;

    public static readonly AuditKey Sha256 = new(AuditKey.Parse(Text)!, AuditSchemes.HmacSha256);

    public static readonly AuditKey Sm3 = new(AuditKey.Parse(Text)!, AuditSchemes.HmacSm3);
}
