using System.Text;

namespace Hallway.Core.Accounts;

/// <summary>
/// Guest names: what async_chat took (any word), within bounds. 1 to 32 characters, no spaces or
/// control characters, and none of <c>&lt; &gt; &amp; " ' \</c>, so a name needs no escaping in
/// the text page, in a Python list repr, or in HTML. Case-sensitive, as in async_chat.
/// </summary>
public static class GuestNames
{
    public const int MaxLength = 32;

    /// <summary>'~' never appears in an account's key, so guest keys cannot collide with accounts.</summary>
    public static string Key(string name) => "~" + name;

    public static bool IsValid(string name)
    {
        // A lone surrogate is not text (and IsNormalized would throw on it); then only names
        // already in NFC, so one name has one spelling.
        if (name.Length == 0 || !Common.TextRules.IsClean(name, allowNewlines: false) || !name.IsNormalized(NormalizationForm.FormC))
        {
            return false;
        }

        var count = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (++count > MaxLength || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) ||
                Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned ||
                rune.Value is '<' or '>' or '&' or '"' or '\'' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
