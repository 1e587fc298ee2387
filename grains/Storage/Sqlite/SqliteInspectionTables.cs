using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The inspection tables (<see cref="SqliteInspectionStore"/>): headers, seals and one row per frozen
/// unit, keyed by the inspection and the unit's order in the frozen shape (a subtree is a range).
/// </summary>
internal static class SqliteInspectionTables
{
    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS inspection (
                id       TEXT PRIMARY KEY,
                taken_at TEXT NOT NULL,
                data     BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS inspection_seal (
                id          TEXT PRIMARY KEY,
                captured_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS inspection_unit (
                inspection TEXT NOT NULL,
                ord        INTEGER NOT NULL,
                unit_id    TEXT NOT NULL,
                depth      INTEGER NOT NULL,
                row        BLOB NOT NULL,
                work       BLOB NOT NULL,
                UNIQUE (inspection, ord),
                UNIQUE (inspection, unit_id)
            );
            """;
        command.ExecuteNonQuery();
    }
}
