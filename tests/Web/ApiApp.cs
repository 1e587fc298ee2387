using System.Net.Http.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// A fresh product with an empty store whose root unit <see cref="Root"/> is created on first
/// use; each test builds the units and tasks it needs below it under its own ids.
/// </summary>
public class ApiApp : CascadeApp
{
    public const string Root = "root";

    private readonly Lazy<Task> _root;

    public ApiApp() : this(null) { }

    protected ApiApp(Dictionary<string, string?>? settings) : base(seedDemo: false, settings) => _root = new(CreateRoot);

    /// <summary>A client on a store that has the root unit.</summary>
    public async Task<HttpClient> Client()
    {
        var client = CreateClient();
        await _root.Value;
        return client;
    }

    private async Task CreateRoot()
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/units", new { id = Root, parentId = (string?)null, name = "Root", kind = "partyGroup" });
        response.EnsureSuccessStatusCode();
    }
}
