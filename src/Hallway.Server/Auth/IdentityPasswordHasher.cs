using Hallway.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Hallway.Server.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher (V3 format) behind Core's seam.</summary>
public sealed class IdentityPasswordHasher : Core.Accounts.IPasswordHasher
{
    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(User, password);

    public PasswordCheck Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(User, hash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }
}
