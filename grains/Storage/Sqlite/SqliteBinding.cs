using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// Parameters of the writer's prepared commands, kept from one row to the next: a row sets the
/// values of the parameters its command already holds instead of adding new ones (new
/// <see cref="SqliteParameter"/>s per row were 3-4 % of the bytes an update allocates, issue 21).
/// Before each use every value is reset to a marker SQLite cannot bind, so a row that forgets
/// one of its parameters fails as loudly as before instead of writing the last row's value.
/// </summary>
internal static class SqliteBinding
{
    private static readonly object Unbound = new UnboundValue();

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, reusing the command's parameter when it has one.</summary>
    public static void Bind(this SqliteCommand command, string name, object value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0) parameters[index].Value = value;
        else parameters.AddWithValue(name, value);
    }

    /// <summary>Marks every parameter unbound: the next row must set each one it uses.</summary>
    public static void Reset(SqliteCommand command)
    {
        foreach (SqliteParameter parameter in command.Parameters) parameter.Value = Unbound;
    }

    private sealed class UnboundValue
    {
        public override string ToString() => "(a parameter this row did not set)";
    }
}
