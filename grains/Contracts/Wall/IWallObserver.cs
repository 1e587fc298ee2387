using Orleans.Concurrency;

namespace Cascade.Wall;

/// <summary>One per web host: receives batches of changes for the units its walls watch.</summary>
public interface IWallObserver : IGrainObserver
{
    [OneWay] Task OnBatch(WallBatch batch);
}
