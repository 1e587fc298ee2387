using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Grains;

public sealed class SqliteAlertIndexStoreTests : AlertIndexStoreTests, IDisposable
{
    private readonly TempDirectory _folder;
    private readonly SqliteDatabase _database;

    public SqliteAlertIndexStoreTests() : this(new TempDirectory()) { }

    private SqliteAlertIndexStoreTests(TempDirectory folder) : this(folder, new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = folder.File("index.db") }))) { }

    private SqliteAlertIndexStoreTests(TempDirectory folder, SqliteDatabase database)
        : base(new SqliteAlertIndexStore(database, Serializer)) => (_folder, _database) = (folder, database);

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
