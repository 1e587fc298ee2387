using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Grains;

public sealed class SqliteRaisedAlertStoreTests : RaisedAlertStoreTests, IDisposable
{
    private readonly TempDirectory _folder;
    private readonly SqliteDatabase _database;

    public SqliteRaisedAlertStoreTests() : this(new TempDirectory()) { }

    private SqliteRaisedAlertStoreTests(TempDirectory folder) : this(folder, new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = folder.File("raised.db") }))) { }

    private SqliteRaisedAlertStoreTests(TempDirectory folder, SqliteDatabase database)
        : base(new SqliteRaisedAlertStore(database)) => (_folder, _database) = (folder, database);

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
