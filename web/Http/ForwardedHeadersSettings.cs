using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Cascade.Web.Http;

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> (and <c>X-Forwarded-Proto</c>) are believed.
/// None by default: then the client address is the connection's peer, whatever a request's
/// headers claim, so nobody can pick the address that sign-in protection counts against.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "Cascade:ForwardedHeaders";

    /// <summary>IP addresses of the proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<IPAddress> Addresses => KnownProxies.Select(IPAddress.Parse);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                yield return new ValidationResult($"{Section}:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
    }
}
