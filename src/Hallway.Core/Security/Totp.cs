using System.Security.Cryptography;

namespace Hallway.Core.Security;

/// <summary>
/// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with 30-second steps and six digits,
/// the settings every authenticator app uses by default. Written here because no TOTP library is
/// available to this build; tested against both RFCs' vectors.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of a new secret: 160 bits, the RFC 4226 recommendation for HMAC-SHA1.</summary>
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The RFC 4226 code for one counter value (dynamic truncation of the HMAC).</summary>
    public static string Hotp(ReadOnlySpan<byte> secret, long counter, int digits = Digits, string algorithm = "SHA1")
    {
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = algorithm switch
        {
            // HMAC-SHA1 is what RFC 6238 and every authenticator app use; HMAC's strength does not
            // rest on SHA-1's collision resistance.
#pragma warning disable CA5350
            "SHA1" => HMACSHA1.HashData(secret, message),
#pragma warning restore CA5350
            "SHA256" => HMACSHA256.HashData(secret, message),
            "SHA512" => HMACSHA512.HashData(secret, message),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "SHA1, SHA256 or SHA512"),
        };
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The time step a moment falls in: whole 30-second periods since the Unix epoch.</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(ReadOnlySpan<byte> secret, DateTimeOffset time, int digits = Digits, string algorithm = "SHA1") =>
        Hotp(secret, StepAt(time), digits, algorithm);

    /// <summary>
    /// The step a typed code matches, within one step either side of now (clocks drift, and a code
    /// typed as the step turns must still work), or null. A step at or before
    /// <paramref name="lastUsedStep"/> never matches, so a code works once (RFC 6238 §5.2).
    /// </summary>
    public static long? Verify(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        if (code is null)
        {
            return null;
        }

        code = code.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        long? match = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            // Every candidate is computed and compared in constant time: timing tells nothing.
            var expected = System.Text.Encoding.ASCII.GetBytes(Hotp(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, System.Text.Encoding.ASCII.GetBytes(code)) && step > lastUsedStep && match is null)
            {
                match = step;
            }
        }

        return match;
    }

    /// <summary>The otpauth:// address an authenticator app reads from a QR code (Key Uri Format).</summary>
    public static string ProvisioningUri(string issuer, string account, ReadOnlySpan<byte> secret)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={Base32.Encode(secret, padding: false)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";
    }
}
