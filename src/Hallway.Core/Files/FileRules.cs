using System.Text;
using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Files;

/// <summary>Checks on uploads and on the files people point at.</summary>
public static class FileRules
{
    public const int MaxNameLength = 200;

    /// <summary>
    /// The name a download is offered under: the last path segment of what the browser sent,
    /// without control or format characters, at most 200 characters; "file" when nothing is left.
    /// </summary>
    public static string Name(string? sent)
    {
        var raw = sent ?? string.Empty;
        var last = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator))
            {
                clean.Append(rune.ToString());
            }
        }

        var name = clean.ToString().Trim().Trim('.');
        if (name.Length > MaxNameLength)
        {
            var cut = MaxNameLength;
            if (char.IsHighSurrogate(name[cut - 1]))
            {
                cut--;
            }

            name = name[..cut];
        }

        return name.Length == 0 ? "file" : name;
    }

    /// <summary>An image the caller uploaded: what avatars and custom stickers are made of.</summary>
    public static StoredFile RequireOwnImage(IReadTx r, long callerId, long fileId)
    {
        var file = r.GetFile(fileId);
        if (file is null || file.OwnerId != callerId)
        {
            throw Errors.FileNotFound();
        }

        return file.File.IsImage ? file : throw Errors.NotAnImage();
    }
}
