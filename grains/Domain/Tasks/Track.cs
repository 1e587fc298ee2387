namespace Cascade.Tasks;

/// <summary>The two wheels of dual-wheel drive: party-building work and business work.</summary>
[GenerateSerializer]
public enum Track
{
    Party = 0,
    Business = 1,
}
