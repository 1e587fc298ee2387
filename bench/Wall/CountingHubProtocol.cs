using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Cascade.Bench.Reporting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Cascade.Bench.Wall;

/// <summary>
/// The SignalR JSON protocol with a tap: every message a client parses is reported with the
/// bytes it took on the wire (the JSON text and its record separator, as the WebSocket frame
/// carried it; not the WebSocket frame header) and the CPU time parsing it took (<see cref="ThreadCpu"/>).
/// </summary>
public sealed class CountingHubProtocol(IHubProtocol inner, Action<HubMessage, long, long> parsed) : IHubProtocol
{
    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var before = input.Length;
        var started = ThreadCpu.Now();
        if (!inner.TryParseMessage(ref input, binder, out message)) return false;
        parsed(message, before - input.Length, ThreadCpu.Now() - started);
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
