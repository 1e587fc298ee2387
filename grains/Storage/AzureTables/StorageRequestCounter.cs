using Azure.Core;
using Azure.Core.Pipeline;
using Cascade.Telemetry;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// Counts every request the Azure Table client sends (cascade.storage.requests), by table and
/// method, so an operator sees what each kind of work costs the account. Sits in the pipeline
/// per retry: a retried request counts each time it is sent.
/// </summary>
public sealed class StorageRequestCounter(string tablePrefix) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        CascadeTelemetry.StorageRequests.Add(1,
            new KeyValuePair<string, object?>(CascadeTelemetry.Tags.Table, TableOf(request.Uri.ToUri().AbsolutePath, tablePrefix)),
            new KeyValuePair<string, object?>(CascadeTelemetry.Tags.Method, request.Method.Method));
    }

    /// <summary>
    /// The table a request addresses, without the prefix: the last path segment (Azurite puts the
    /// account before it), up to any key or query in parentheses; <c>$batch</c> for a transaction
    /// (its table is in the body), <c>Tables</c> for creating tables.
    /// </summary>
    public static string TableOf(string path, string prefix)
    {
        var table = path[(path.LastIndexOf('/') + 1)..].Split('(')[0];
        return table.StartsWith(prefix, StringComparison.Ordinal) && table.Length > prefix.Length ? table[prefix.Length..] : table;
    }
}
