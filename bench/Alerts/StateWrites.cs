using Cascade.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Cascade.Bench.Alerts;

/// <summary>
/// Counts the unit-state writes that reach the grain storage: a unit's clock or a child's
/// report writes its state only when an alert changed, so in steady state there should be none.
/// <see cref="Observe"/> wraps the product's storage registration; every call goes on to it unchanged.
/// </summary>
public sealed class StateWrites
{
    private long _units;
    private long _all;

    public long Units => Interlocked.Read(ref _units);
    public long All => Interlocked.Read(ref _all);

    /// <summary>
    /// When set, told of every unit-state write with the unit's grain id and its state, on the
    /// grain's turn before the write goes on (to count per unit; read, never change, the state).
    /// </summary>
    public Action<GrainId, object?>? UnitWritten { get; set; }

    /// <summary>Replaces the keyed registration of the product's storage with a counting wrapper around it.</summary>
    public void Observe(IServiceCollection services)
    {
        var registration = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Default));
        var factory = registration.KeyedImplementationFactory
            ?? throw new InvalidOperationException("The product's grain storage is no longer registered with a factory.");
        services.Remove(registration);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, key) => new Counting((IGrainStorage)factory(sp, key), this));
    }

    private sealed class Counting(IGrainStorage inner, StateWrites counts) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Interlocked.Increment(ref counts._all);
            if (stateName == "unit")
            {
                Interlocked.Increment(ref counts._units);
                counts.UnitWritten?.Invoke(grainId, grainState.State);
            }
            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
