namespace Cascade.Storage;

public static class StorageNames
{
    /// <summary>The grain storage every Cascade grain persists through.</summary>
    public const string Default = "cascade";
}
