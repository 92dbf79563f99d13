using System.Text;
using Hallway.Core.Common;

namespace Hallway.Core.Messages;

/// <summary>Validation of what a message carries, before anything touches the store.</summary>
public static class MessageRules
{
    public const int MaxClientIdLength = 64;
    public const int MaxEmojiCodePoints = 8;
    public const int MaxSearchLength = 200;

    public const int MaxAttachments = 10;

    public static string Text(string? text, int maxLength) => Text(text, maxLength, allowEmpty: false);

    /// <summary>The text of a message; it may be empty when the message carries files (a photo without a caption).</summary>
    public static string Text(string? text, int maxLength, bool allowEmpty)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return allowEmpty ? trimmed : throw Errors.MessageEmpty();
        }

        if (!TextRules.IsClean(trimmed, allowNewlines: true))
        {
            throw Errors.Invalid("text", "The text contains characters that are not allowed.");
        }

        if (TextRules.CodePoints(trimmed) > maxLength)
        {
            throw Errors.MessageTooLong(maxLength);
        }

        return trimmed;
    }

    /// <summary>At most ten files, each once, in the order given.</summary>
    public static long[] Attachments(IReadOnlyList<long>? fileIds)
    {
        var ids = fileIds ?? [];
        if (ids.Count > MaxAttachments || ids.Distinct().Count() != ids.Count || ids.Any(id => id <= 0))
        {
            throw Errors.Invalid("attachments", $"attachments lists at most {MaxAttachments} different file ids.");
        }

        return [.. ids];
    }

    /// <summary>Client ids are 1 to 64 of letters, digits, '-', '_', ':' and '.': a UUID fits.</summary>
    public static string ClientId(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength ||
            !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
        {
            throw Errors.Invalid("client_id", "clientId is 1 to 64 of letters, digits, '-', '_', ':' or '.'.");
        }

        return clientId;
    }

    /// <summary>
    /// A reaction is one emoji: up to 8 code points (ZWJ sequences, skin tones, keycaps such as 1️⃣),
    /// with no spaces, and not plain ASCII text.
    /// </summary>
    public static string Emoji(string? emoji)
    {
        var value = emoji ?? string.Empty;
        if (value.Length == 0 || value.Length > 32 || !TextRules.IsClean(value, allowNewlines: false) ||
            TextRules.CodePoints(value) > MaxEmojiCodePoints || value.Any(char.IsWhiteSpace) || !AsciiOnlyInKeycaps(value))
        {
            throw Errors.Invalid("emoji", "A reaction is a single emoji.");
        }

        return value;
    }

    public const int DefaultPageSize = 50;

    /// <summary>ASCII may appear only as a keycap's base: 0-9, # or * followed by U+FE0F or U+20E3.</summary>
    private static bool AsciiOnlyInKeycaps(string value)
    {
        var anyNonAscii = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsAscii(c))
            {
                anyNonAscii = true;
                continue;
            }

            var keycapBase = char.IsAsciiDigit(c) || c is '#' or '*';
            if (!keycapBase || i + 1 >= value.Length || value[i + 1] is not ('\uFE0F' or '\u20E3'))
            {
                return false;
            }
        }

        return anyNonAscii;
    }

    public static int PageSize(int? limit, int max)
    {
        var value = limit ?? Math.Min(DefaultPageSize, max);
        if (value < 1 || value > max)
        {
            throw Errors.Invalid("limit", $"limit is 1 to {max}.");
        }

        return value;
    }

    /// <summary>
    /// Turns what a person typed into an FTS5 query: every word becomes a quoted prefix term, so
    /// FTS5 operators and punctuation in the input can never be a syntax error.
    /// </summary>
    public static string SearchQuery(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxSearchLength || !TextRules.IsClean(trimmed, allowNewlines: false))
        {
            throw Errors.Invalid("query", $"A search is 1 to {MaxSearchLength} characters.");
        }

        // Split where the index's unicode61 tokenizer splits: at everything but letters, digits and
        // combining marks, so "e-mail" searches for "e" and "mail" as the index stored them.
        var terms = new List<string>();
        var term = new System.Text.StringBuilder();
        foreach (var rune in trimmed.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                term.Append(rune.ToString());
            }
            else if (term.Length > 0)
            {
                terms.Add(term.ToString());
                term.Clear();
            }
        }

        if (term.Length > 0)
        {
            terms.Add(term.ToString());
        }

        terms = [.. terms.Take(16).Select(t => "\"" + t + "\"*")];
        if (terms.Count == 0)
        {
            throw Errors.Invalid("query", "Search for at least one word.");
        }

        return string.Join(' ', terms);
    }
}
