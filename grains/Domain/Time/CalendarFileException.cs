namespace Cascade.Time;

/// <summary>A working-day calendar file that cannot be used; the message names the file and the line or field.</summary>
public sealed class CalendarFileException(string message) : Exception(message);
