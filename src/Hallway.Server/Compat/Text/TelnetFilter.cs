namespace Hallway.Server.Compat.Text;

/// <summary>
/// Drops telnet's IAC sequences (RFC 854: option negotiation, subnegotiation, Ctrl+C as IAC IP)
/// from a line. The gateway never negotiates, but some telnet clients do on their own, and 0xFF is
/// never UTF-8, so without this their first line would be refused as bad text.
/// </summary>
public static class TelnetFilter
{
    private const byte Iac = 255;
    private const byte Sb = 250;
    private const byte Se = 240;
    private const byte Will = 251;
    private const byte Dont = 254;

    public static bool HasIac(ReadOnlySpan<byte> line) => line.Contains(Iac);

    public static byte[] Strip(ReadOnlySpan<byte> line)
    {
        var kept = new List<byte>(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != Iac)
            {
                kept.Add(line[i]);
                continue;
            }

            if (i + 1 >= line.Length)
            {
                break;
            }

            var command = line[++i];
            if (command == Iac)
            {
                kept.Add(Iac); // an escaped 0xFF data byte (not UTF-8: refused later)
            }
            else if (command is >= Will and <= Dont)
            {
                i++; // the option byte
            }
            else if (command == Sb)
            {
                // Skip to IAC SE.
                while (i + 1 < line.Length && !(line[i] == Iac && line[i + 1] == Se))
                {
                    i++;
                }

                i++;
            }
        }

        return [.. kept];
    }
}
