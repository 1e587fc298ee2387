namespace Cascade.Directives;

/// <summary>The owner's stored state: the record, how many shards hold its targets, and which still have work.</summary>
[GenerateSerializer, Alias("cascade.directive-owner-state")]
public sealed class DirectiveOwnerState
{
    [Id(0)] public Directive? Directive { get; set; }
    [Id(1)] public int Shards { get; set; }
    [Id(2)] public List<int> Busy { get; set; } = [];
    /// <summary>Being withdrawn: once every shard is done the directive is gone.</summary>
    [Id(3)] public bool Deleting { get; set; }
    /// <summary>A digest of the targets it was created with: a repeated create must name the same ones.</summary>
    [Id(4)] public string? CreatedWith { get; set; }
    /// <summary>
    /// The version every shard was last given as its goal: a shard's "done" for it or later
    /// counts (targets added later bump the version for their shards only).
    /// </summary>
    [Id(5)] public long GoalVersion { get; set; }

    public static string Digest(IReadOnlyList<string> targets) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', targets))));
}

/// <summary>A shard's stored state: its targets, the goal every copy is brought to, and the cursor of that work.</summary>
[GenerateSerializer, Alias("cascade.directive-shard-state")]
public sealed class DirectiveShardState
{
    [Id(0)] public List<CopyTarget> Targets { get; set; } = [];
    [Id(1)] public CopyOrder? Goal { get; set; }
    /// <summary>Targets before this index are at the goal.</summary>
    [Id(2)] public int Cursor { get; set; }
    [Id(3)] public bool Finished { get; set; } = true;
    /// <summary>The period change (its grain's key, a local date) handing out the goal's instances; null: the shard places them itself.</summary>
    [Id(4)] public string? Turn { get; set; }
}

/// <summary>The index's stored state: every directive's issuer, and those with unfinished work.</summary>
[GenerateSerializer, Alias("cascade.directive-index-state")]
public sealed class DirectiveIndexState
{
    [Id(0)] public Dictionary<string, string> Issuers { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public HashSet<string> Busy { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The schedules among them: their cadence and the period they handed out last.</summary>
    [Id(2)] public Dictionary<string, ScheduleMark> Schedules { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The findings among them (by owner id, <c>f-{id}</c>): what the findings list filters on.</summary>
    [Id(3)] public Dictionary<string, FindingRow> Findings { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>What the index knows of a schedule: enough to see that its period has turned.</summary>
[GenerateSerializer, Immutable, Alias("cascade.schedule-mark")]
public sealed record ScheduleMark(
    [property: Id(0)] Schedules.Cadence Every,
    [property: Id(1)] string? Period);

/// <summary>A period change's stored state: schedules waiting to join, those handing out now, and the last unit reached.</summary>
[GenerateSerializer, Alias("cascade.schedule-turn-state")]
public sealed class ScheduleTurnState
{
    [Id(0)] public List<string> Waiting { get; set; } = [];
    [Id(1)] public Dictionary<string, TurnShare> Shares { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Every target unit up to this id (ordinal order) has its new instances.</summary>
    [Id(2)] public string? Cursor { get; set; }
}
