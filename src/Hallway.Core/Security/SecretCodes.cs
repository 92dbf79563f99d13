using System.Security.Cryptography;
using System.Text;

namespace Hallway.Core.Security;

/// <summary>
/// Codes a person types: invite codes (12 characters, 60 bits) and recovery codes (16 characters,
/// 80 bits), drawn from the base32 alphabet (no 0, 1, 8 or 9 to mistake for O, I, B or g) and shown
/// in groups of four. Only their SHA-256 is stored, like session tokens: the randomness, not the
/// hash's cost, is what makes a copied database useless for guessing them (2^60 and 2^80 tries), and
/// a fast hash lets an invite be found by its code. Recovery codes are hashed with their user's id
/// so that equal codes of two users never share a hash.
/// </summary>
public static class SecretCodes
{
    public const int InviteLength = 12;
    public const int RecoveryLength = 16;

    /// <summary>Longest typed code looked at; anything longer cannot be one and is not hashed.</summary>
    public const int MaxTyped = 64;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string NewInviteCode() => Grouped(RandomNumberGenerator.GetItems<char>(Alphabet, InviteLength));

    /// <summary>
    /// A first password an admin hands out (a sign-in card, the command line): 12 lowercase
    /// characters of the same alphabet in groups of four, 60 bits, easy to type on a phone.
    /// </summary>
    public static string NewPassword() => Grouped(RandomNumberGenerator.GetItems<char>(Alphabet, 12)).ToLowerInvariant();

    public static string NewRecoveryCode() => Grouped(RandomNumberGenerator.GetItems<char>(Alphabet, RecoveryLength));

    /// <summary>The hash of a typed invite code, or null when it cannot be one.</summary>
    public static byte[]? InviteHash(string? typed) =>
        Normalize(typed, InviteLength) is { } code ? SHA256.HashData(Encoding.ASCII.GetBytes("invite:" + code)) : null;

    /// <summary>The hash of a typed recovery code of this user, or null when it cannot be one.</summary>
    public static byte[]? RecoveryHash(long userId, string? typed) =>
        Normalize(typed, RecoveryLength) is { } code
            ? SHA256.HashData(Encoding.ASCII.GetBytes(FormattableString.Invariant($"recovery:{userId}:{code}")))
            : null;

    /// <summary>Whether the text looks like a recovery code rather than a six-digit TOTP code.</summary>
    public static bool LooksLikeRecoveryCode(string? typed) => Normalize(typed, RecoveryLength) is not null;

    /// <summary>Upper case without spaces and dashes, as people copy codes; null when not <paramref name="length"/> alphabet characters.</summary>
    private static string? Normalize(string? typed, int length)
    {
        if (typed is null || typed.Length > MaxTyped)
        {
            return null;
        }

        var code = new StringBuilder(length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal) || code.Length == length)
            {
                return null;
            }

            code.Append(upper);
        }

        return code.Length == length ? code.ToString() : null;
    }

    private static string Grouped(char[] code) =>
        string.Join('-', Enumerable.Range(0, code.Length / 4).Select(i => new string(code, i * 4, 4)));
}
