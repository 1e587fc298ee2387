using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Cascade.Web.Identity;

/// <summary>
/// Stores a new key in clear when no certificate is configured, as the framework would, but says
/// so once in Cascade's words, naming the setting that fixes it, in place of the framework's
/// warning (which names no setting of ours). Keys are made on the first start and every 90 days.
/// </summary>
internal sealed partial class UnencryptedKeys(ILogger<UnencryptedKeys> logger) : IXmlEncryptor
{
    private readonly NullXmlEncryptor _clear = new();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        LogStoredInClear(logger, KeyRingOptions.Section);
        return _clear.Encrypt(plaintextElement);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-in key ring is stored unencrypted in the database: anyone who can read the database can sign in as any user. " +
        "Set {Section}:CertificatePath (a .pfx file kept outside the database, the same on every node) and {Section}:CertificatePassword to encrypt it (docs/operations.md, \"The sign-in key ring\").")]
    private static partial void LogStoredInClear(ILogger logger, string section);
}
