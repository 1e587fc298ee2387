namespace Cascade.Tasks;

/// <summary>
/// How a task's expected progress grows (docs/domain.md "Tasks"): <see cref="Linear"/> in a straight
/// line over its window; <see cref="AtDue"/> not at all until the window ends, then whole (a
/// duty held once by its date, such as a monthly meeting), and never stale.
/// </summary>
[GenerateSerializer]
public enum Expectation
{
    Linear = 0,
    AtDue = 1,
}
