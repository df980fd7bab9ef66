using System.Globalization;
using System.Text;

namespace OrthoRebasin;

/// <summary>
/// The one rule for ids: experiments, recipes, methods, paths, models, data sets and metrics. Ids become folder and file
/// names (<c>artifacts/&lt;experiment&gt;/</c>, <c>pipelines/&lt;recipe&gt;.yaml</c>, <c>align/&lt;method&gt;-…</c>), so an id
/// is a name, never a path: 1 to 64 characters of a–z and 0–9, with '-', '_' and '.' only between them. That leaves no
/// separator, no '.' or '..', nothing invisible, no letter case that a case-insensitive file system would fold, and none
/// of the names Windows reserves for devices (<c>con</c>, <c>nul</c>, <c>com1</c>, …).
/// </summary>
public static class Names
{
    public const int MaxLength = 64;

    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "1 to 64 characters of a-z and 0-9, with '-', '_' or '.' only between them";

    private const int ShownLength = 80;

    private static readonly HashSet<string> _devices = new(
        ["con", "prn", "aux", "nul", .. Enumerable.Range(1, 9).SelectMany(i => new[] { $"com{i}", $"lpt{i}" })], StringComparer.Ordinal);

    /// <summary>What makes <paramref name="id"/> not a name (the first offending character, escaped), or null when it is one.</summary>
    public static string? Problem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            return "it is empty";
        }

        var position = 0;
        foreach (var rune in id.EnumerateRunes())
        {
            position++;
            if (!IsLetterOrDigit(rune) && !IsInside(rune))
            {
                return $"{Describe(rune)} at character {position} is not allowed";
            }
        }

        if (IsInside(new Rune(id[0])))
        {
            return $"it starts with {Describe(new Rune(id[0]))}";
        }

        if (IsInside(new Rune(id[^1])))
        {
            return $"it ends with {Describe(new Rune(id[^1]))}";
        }

        if (id.Length > MaxLength)
        {
            return $"it is {id.Length} characters long";
        }

        var stem = id.Split('.')[0];
        return _devices.Contains(stem) ? $"'{stem}' is a device name on Windows, where no folder can be called so" : null;
    }

    /// <summary>
    /// <paramref name="text"/> as a one-line message can show it: printable ASCII as it is, every other character as
    /// <c>&lt;U+XXXX&gt;</c> (so an invisible or control character is seen, and a newline cannot break the line), cut after 80.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        var shown = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (++shown > ShownLength)
            {
                return builder.Append('…').ToString();
            }

            builder.Append(IsPrintableAscii(rune) ? ((char)rune.Value).ToString() : $"<{Code(rune)}>");
        }

        return builder.ToString();
    }

    private static bool IsLetterOrDigit(Rune rune) => rune.Value is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool IsInside(Rune rune) => rune.Value is '-' or '_' or '.';

    private static bool IsPrintableAscii(Rune rune) => rune.Value is >= 0x20 and < 0x7f;

    private static string Code(Rune rune) => $"U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}";

    // What a reader needs to see to find the character: its kind when it is invisible or easily mistaken.
    private static string Describe(Rune rune) => rune.Value switch
    {
        '/' or '\\' => $"the path separator '{(char)rune.Value}'",
        ' ' => "a space",
        >= 'A' and <= 'Z' => $"the upper-case letter '{(char)rune.Value}'",
        _ when IsPrintableAscii(rune) => $"'{(char)rune.Value}'",
        _ => Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => $"the control character {Code(rune)}",
            UnicodeCategory.Format => $"the invisible character {Code(rune)}",
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => $"the space {Code(rune)}",
            _ => $"the character {Code(rune)}",
        },
    };
}
