using System.Globalization;
using System.Text;

namespace Cascade.Text;

/// <summary>
/// The rule for text people read on walls and lists (names, titles): no control characters,
/// no characters that turn the direction of what follows (a title could otherwise show its
/// words in another order than they are stored), and at least one visible character, so no
/// two things look alike while one of them looks empty.
/// </summary>
public static class DisplayText
{
    /// <summary>Null when <paramref name="text"/> may be shown, else why not, naming <paramref name="field"/>.</summary>
    public static string? Check(string field, string text)
    {
        var visible = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune)) return $"{field} may not contain control characters (such as line breaks or tabs).";
            if (IsDirectional(rune.Value)) return $"{field} may not contain characters that change the text's direction (U+202A-U+202E, U+2066-U+2069).";
            visible |= !IsInvisible(rune);
        }
        return visible || text.Length == 0 ? null : $"{field} must contain a visible character.";
    }

    /// <summary>The embeddings, overrides and isolates of the bidirectional algorithm.</summary>
    private static bool IsDirectional(int c) => c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        // Fillers that draw nothing though Unicode files them as letters or symbols.
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;
}
