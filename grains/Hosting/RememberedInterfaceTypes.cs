using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Cascade.Hosting;

/// <summary>
/// Remembers each grain interface's Orleans type name. Orleans works it out again on every
/// <c>GetGrain</c> (custom attributes read by reflection, then the type's name formatted and
/// parsed), about 2 KB and a few microseconds a call; an update makes several such calls
/// (docs/benchmarks.md, issue 21's profile). Placed first among the providers, this one answers
/// from its table; for an interface it has not seen, it asks Orleans' own resolver once, with
/// itself stepping aside, so the answer is always the one Orleans would give.
/// </summary>
internal sealed class RememberedInterfaceTypes(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> known = new();

    [ThreadStatic] private static bool asking;

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        if (known.TryGetValue(type, out grainInterfaceType)) return true;
        if (asking) return false;
        asking = true;
        try { grainInterfaceType = services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(type); }
        finally { asking = false; }
        known.TryAdd(type, grainInterfaceType);
        return true;
    }

    /// <summary>Puts the table ahead of Orleans' providers (an enumerable's order is its registration order).</summary>
    public static void AddFirst(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, RememberedInterfaceTypes>());
}
