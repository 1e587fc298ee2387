using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Cascade.Tests.Notifications;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package): STARTTLS with a self-signed
/// certificate made here (none with <c>tls: false</c>), sign-in required with one user name and
/// password, and every accepted message kept as MimeKit parsed it.
/// </summary>
public sealed class SmtpReceiver : IDisposable
{
    public const string User = "cascade";

    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public SmtpReceiver(string password, bool tls = true)
    {
        Port = FreePort.Next();
        Certificate = SelfSigned();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port)).AuthenticationRequired(true)
                    .AllowUnsecureAuthentication(!tls);
                if (tls) endpoint.Certificate(Certificate);
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(Messages));
        services.Add(new DelegatingUserAuthenticator((user, given) => user == User && given == password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint as an operator would copy it: hex with colons.</summary>
    public string Thumbprint => string.Join(':', Convert.ToHexString(SHA256.HashData(Certificate.RawData)).Chunk(2).Select(c => new string(c)));

    public ConcurrentQueue<(IReadOnlyList<string> To, MimeMessage Message)> Messages { get; } = new();

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mail.intranet.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    private sealed class Store(ConcurrentQueue<(IReadOnlyList<string>, MimeMessage)> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            messages.Enqueue(([.. transaction.To.Select(t => $"{t.User}@{t.Host}")], message));
            return SmtpResponse.Ok;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.Shutdown();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        Certificate.Dispose();
        _stop.Dispose();
    }
}
