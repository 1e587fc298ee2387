namespace Cascade.Tasks;

[GenerateSerializer]
public enum TaskItemStatus
{
    NotStarted = 0,
    InProgress = 1,
    Blocked = 2,
    Done = 3,
}
