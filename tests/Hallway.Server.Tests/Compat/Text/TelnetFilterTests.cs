using System.Text;
using Hallway.Server.Compat.Text;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// Telnet IAC sequences (RFC 854) dropped from a line. Bytes are written in hex, spaces between
/// them for reading: FF IAC, FB-FE WILL/WONT/DO/DONT, FA SB, F0 SE, F1 NOP, F4 IP, F9 GA.
/// </summary>
public sealed class TelnetFilterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("61 62 63")]
    [InlineData("6D 73 67 61 6C 6C 20 68 69")] // "msgall hi"
    [InlineData("00 01 7F 80 C3 A9 FE FB")] // every byte but FF passes, even WILL/DONT values
    [InlineData("0D 0A")] // CR/LF are the connection's business, not the filter's
    public void Strip_WithoutIac_ReturnsTheBytesUnchanged(string hex) =>
        Assert.Equal(Bytes(hex), TelnetFilter.Strip(Bytes(hex)));

    [Fact]
    public void Strip_KeepsUtf8TextUnchanged()
    {
        var text = Encoding.UTF8.GetBytes("msgall привет 😀");

        Assert.Equal(text, TelnetFilter.Strip(text));
    }

    [Theory]
    [InlineData("FF FF", "FF")]
    [InlineData("61 FF FF 62", "61 FF 62")]
    [InlineData("FF FF FF FF", "FF FF")]
    // The pair is one data byte, so what follows it is data again, not a command.
    [InlineData("FF FF FB 01", "FF FB 01")]
    public void Strip_EscapedIac_BecomesOneFFByte(string hex, string expected) =>
        Assert.Equal(Bytes(expected), TelnetFilter.Strip(Bytes(hex)));

    [Theory]
    [InlineData("FF FB 01 61", "61")] // WILL ECHO
    [InlineData("FF FC 01 61", "61")] // WONT ECHO
    [InlineData("FF FD 03 61", "61")] // DO SUPPRESS-GO-AHEAD
    [InlineData("FF FE 22 61", "61")] // DONT LINEMODE
    [InlineData("61 FF FD 01 62", "61 62")]
    [InlineData("FF FD 03 FF FB 18 FF FB 1F 6C 6F 67 69 6E", "6C 6F 67 69 6E")] // a client's opening burst, then "login"
    [InlineData("FF FB FF 61", "61")] // the option byte is taken whatever it is, even FF
    [InlineData("FF FB 61 62", "62")] // so a printable option byte goes with it
    public void Strip_OptionNegotiation_IsRemovedWithItsOptionByte(string hex, string expected) =>
        Assert.Equal(Bytes(expected), TelnetFilter.Strip(Bytes(hex)));

    [Theory]
    [InlineData("FF FA 18 01 FF F0 61", "61")] // SB TERMINAL-TYPE SEND IAC SE
    [InlineData("61 FF FA 1F 00 50 00 18 FF F0 62", "61 62")] // NAWS 80x24
    [InlineData("FF FA 18 FF FF 01 FF F0 61", "61")] // an escaped FF inside the subnegotiation
    [InlineData("FF FA 18 F0 61 FF F0 62", "62")] // SE without IAC does not end it
    [InlineData("FF FA FF F0 61", "61")] // empty subnegotiation
    [InlineData("FF FA 18 FF F0 FF FA 20 FF F0 61", "61")] // two in a row
    // No IAC SE before the end of the line: the rest of the line is taken as subnegotiation.
    [InlineData("FF FA 18 01 61 62", "")]
    [InlineData("61 FF FA", "61")]
    public void Strip_Subnegotiation_IsRemovedUpToIacSe(string hex, string expected) =>
        Assert.Equal(Bytes(expected), TelnetFilter.Strip(Bytes(hex)));

    [Theory]
    [InlineData("FF F0 61", "61")] // SE
    [InlineData("FF F1 61", "61")] // NOP
    [InlineData("FF F2 61", "61")] // Data Mark
    [InlineData("FF F3 61", "61")] // Break
    [InlineData("FF F4 61", "61")] // Interrupt Process (Ctrl+C)
    [InlineData("FF F5 61", "61")] // Abort Output
    [InlineData("FF F6 61", "61")] // Are You There
    [InlineData("FF F7 61", "61")] // Erase Character
    [InlineData("FF F8 61", "61")] // Erase Line
    [InlineData("FF F9 61", "61")] // Go Ahead
    [InlineData("61 FF F1 62 FF F9 63", "61 62 63")]
    // Not a telnet command at all: it is dropped with the IAC the same way.
    [InlineData("FF 61 62", "62")]
    public void Strip_TwoByteCommands_AreRemoved(string hex, string expected) =>
        Assert.Equal(Bytes(expected), TelnetFilter.Strip(Bytes(hex)));

    [Theory]
    [InlineData("FF", "")]
    [InlineData("FF F4", "")] // Ctrl+C alone: nothing is left, which the connection ignores
    [InlineData("FF FF FF", "FF")] // a pair, then a lone IAC at the end
    [InlineData("FF FB 01 FF FD 03", "")]
    [InlineData("FF FA FF FA FF F0", "")]
    [InlineData("61 FF", "61")] // a sequence cut off by the end of the line is dropped
    [InlineData("61 FF FB", "61")]
    public void Strip_LinesOfOnlyIacBytes_AndCutOffSequences(string hex, string expected) =>
        Assert.Equal(Bytes(expected), TelnetFilter.Strip(Bytes(hex)));

    [Fact]
    public void Strip_IsStateless_ASequenceSplitAcrossCallsIsNotJoined()
    {
        // Each call is one line; the second half of "IAC WILL ECHO" arrives as plain data.
        Assert.Equal(Bytes(""), TelnetFilter.Strip(Bytes("FF")));
        Assert.Equal(Bytes("FB 01 61"), TelnetFilter.Strip(Bytes("FB 01 61")));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("61 62", false)]
    [InlineData("FE FB FA F0", false)]
    [InlineData("FF", true)]
    [InlineData("61 FF", true)]
    [InlineData("FF FF", true)] // an escaped FF still needs Strip
    public void HasIac_IsTrueWhenAnyByteIsFF(string hex, bool expected) =>
        Assert.Equal(expected, TelnetFilter.HasIac(Bytes(hex)));

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
