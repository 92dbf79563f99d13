using System.Security.Cryptography;
using System.Text;

namespace Hallway.Core.Accounts;

/// <summary>
/// Session tokens are 32 random bytes, base64url. Only their SHA-256 is stored, so a copy of the
/// database does not let anyone sign in; a fast hash is enough because the token has 256 bits.
/// </summary>
public static class SessionTokens
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
