namespace Hallway.Core.Accounts;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>Password hashing seam; the server supplies ASP.NET Core Identity's PBKDF2 hasher.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}
