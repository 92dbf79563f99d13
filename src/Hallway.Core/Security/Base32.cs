namespace Hallway.Core.Security;

/// <summary>
/// RFC 4648 base32 (alphabet A–Z, 2–7), the encoding authenticator apps expect for TOTP secrets.
/// Decoding is lenient in what people type: case, spaces, dashes and padding are ignored.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data, bool padding = true)
    {
        var chars = new System.Text.StringBuilder((data.Length + 4) / 5 * 8);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            chars.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        while (padding && chars.Length % 8 != 0)
        {
            chars.Append('=');
        }

        return chars.ToString();
    }

    /// <summary>The bytes, or null when a character is outside the alphabet or the length is impossible.</summary>
    public static byte[]? Decode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0, symbols = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '=')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
            }
        }

        // 1, 3 and 6 symbols past a full 8-symbol block cannot come from whole bytes.
        return symbols % 8 is 1 or 3 or 6 ? null : [.. output];
    }
}
