namespace Hallway.Core.Common;

/// <summary>Checks shared by every piece of user text that gets stored.</summary>
public static class TextRules
{
    /// <summary>
    /// True when the string is well-formed UTF-16 (no lone surrogates, which cannot be stored as UTF-8)
    /// and has no control characters (C0, DEL, C1) other than tab and newlines.
    /// </summary>
    public static bool IsClean(string text, bool allowNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsControl(c))
            {
                var ok = allowNewlines && (c == '\n' || c == '\r' || c == '\t');
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Length in Unicode code points, so an emoji counts once, as a person would count it.</summary>
    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Validates a short single-line field (names, titles); returns it trimmed.</summary>
    public static string RequireLine(string? value, string field, int min, int max)
    {
        var trimmed = (value ?? string.Empty).Trim();
        if (!IsClean(trimmed, allowNewlines: false))
        {
            throw Errors.Invalid(field, $"The {field} contains characters that are not allowed.");
        }

        var length = CodePoints(trimmed);
        if (length < min || length > max)
        {
            throw Errors.Invalid(field, $"The {field} must be {min} to {max} characters long.");
        }

        return trimmed;
    }

    /// <summary>Validates an optional multi-line field (about, description); returns it trimmed.</summary>
    public static string OptionalText(string? value, string field, int max)
    {
        var trimmed = (value ?? string.Empty).Trim();
        if (!IsClean(trimmed, allowNewlines: true))
        {
            throw Errors.Invalid(field, $"The {field} contains characters that are not allowed.");
        }

        if (CodePoints(trimmed) > max)
        {
            throw Errors.Invalid(field, $"The {field} must be at most {max} characters long.");
        }

        return trimmed;
    }
}
