namespace Cascade.Web.Identity;

/// <summary>
/// How the Data Protection key ring is encrypted at rest. The ring signs every
/// cookie, bearer token and kiosk link, and it lives in the database beside the data: whoever can
/// read the database could otherwise mint an admin's token. A certificate kept outside the
/// database (a file only the service account reads) encrypts each key before it is stored; every
/// node of a cluster uses the same certificate.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Cascade:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its RSA private key; none: keys are stored in clear, with a warning.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
