using Cascade.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Access;

public static class KeyRingExtensions
{
    /// <summary>
    /// One Data Protection key ring for every node of a cluster (design.md "Storage"): kept in the
    /// cluster's storage, under one application name (the default name is the content root, which
    /// differs between machines), so cookies, tokens and the demo's kiosk link made by one node
    /// open on every other.
    /// </summary>
    public static WebApplicationBuilder AddCascadeKeyRing(this WebApplicationBuilder builder)
    {
        var azureTable = StorageOptions.From(builder.Configuration).IsAzureTable;
        builder.Services.AddDataProtection().SetApplicationName("cascade");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = azureTable
                ? new AzureTableKeyRing(sp.GetRequiredService<AzureTables>())
                : new SqliteKeyRing(sp.GetRequiredService<SqliteDatabase>())));
        return builder;
    }
}
