using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cascade.Bench.Floor;

public static class FloorEndpoint
{
    public const string Path = "/bench/floor";

    /// <summary>As many grain hops as the tree is deep; the first hop is the request's own call.</summary>
    public const int Hops = 5;

    public static IEndpointRouteBuilder MapBenchFloor(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (IGrainFactory grains) =>
        {
            await grains.GetGrain<IChainGrain>(ChainGrain.KeyAt(Hops - 1)).Hop(Hops - 1);
            return TypedResults.Text("ok");
        });
        return app;
    }
}
