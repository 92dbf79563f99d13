using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>Usernames: 3 to 32 of ASCII letters, digits, '.', '_', '-'; unique ignoring case.</summary>
public static class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public static string Validate(string? username)
    {
        var name = username ?? string.Empty;
        if (name.Length < MinLength || name.Length > MaxLength || !name.All(IsAllowed))
        {
            throw Errors.Invalid(
                "username",
                $"A username is {MinLength} to {MaxLength} characters: letters, digits, '.', '_' or '-'.");
        }

        return name;
    }

    /// <summary>The key that makes usernames unique regardless of case.</summary>
    public static string Key(string username) => username.ToLowerInvariant();

    public static void ValidatePassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw Errors.Invalid(
                "password",
                $"A password is {MinPasswordLength} to {MaxPasswordLength} characters long.");
        }

        if (!TextRules.IsClean(password, allowNewlines: false))
        {
            throw Errors.Invalid("password", "The password contains characters that are not allowed.");
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
