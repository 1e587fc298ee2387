using Cascade.Storage;
using Cascade.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.Postgres;

/// <summary>The node's connection pool: bounded defaults where the connection string is silent, the operator's values where it speaks, and one message naming the setting when it is unusable.</summary>
public sealed class PostgresDatabaseTests
{
    private static NpgsqlConnectionStringBuilder Used(string connectionString)
    {
        using var database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString }));
        return new NpgsqlConnectionStringBuilder(database.Source.ConnectionString);
    }

    [Fact]
    public void A_silent_connection_string_gets_a_bounded_pool_and_timeouts_inside_a_grain_call()
    {
        var used = Used("Host=127.0.0.1;Database=cascade;Username=cascade");
        Assert.Equal(PostgresDatabase.DefaultMaxPoolSize, used.MaxPoolSize);
        Assert.Equal(5, used.Timeout);
        Assert.Equal(15, used.CommandTimeout);
    }

    [Fact]
    public void What_the_operator_sets_is_kept()
    {
        var used = Used("Host=127.0.0.1;Database=cascade;Username=cascade;Maximum Pool Size=80;Timeout=9;Command Timeout=60");
        Assert.Equal(80, used.MaxPoolSize);
        Assert.Equal(9, used.Timeout);
        Assert.Equal(60, used.CommandTimeout);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("Host=127.0.0.1;Colour=blue", "is not an Npgsql connection string")]
    public void An_unusable_connection_string_is_refused_with_the_settings_name(string connectionString, string why)
    {
        using var database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString }));
        var refused = Assert.Throws<StorageUnavailableException>(() => database.Source);
        Assert.Contains(PostgresOptions.ConnectionStringSetting, refused.Message);
        Assert.Contains(why, refused.Message);
    }
}
