using Cascade.Inspections;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Inspections;

/// <summary>The inspection store's contract on the embedded database.</summary>
public sealed class SqliteInspectionStoreTests : InspectionStoreTests, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SqliteDatabase _database;

    public SqliteInspectionStoreTests()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _folder.File("cascade.db") }));
        Store = new SqliteInspectionStore(_database, Codec);
    }

    protected override IInspectionStore Store { get; }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
