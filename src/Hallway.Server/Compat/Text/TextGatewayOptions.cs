using System.Net;

namespace Hallway.Server.Compat.Text;

/// <summary>How <c>login</c> on the text gateway makes an identity.</summary>
public enum TextIdentity
{
    /// <summary>async_chat's way: <c>login &lt;name&gt;</c> starts a guest for the connection.</summary>
    Guests,

    /// <summary>Accounts only: <c>login &lt;name&gt; &lt;password&gt;</c> (Hallway's extension); no guests.</summary>
    Accounts,

    /// <summary>Either: a name alone is a guest, a name and a password an account.</summary>
    Both,
}

/// <summary>
/// The async_chat text gateway: TCP for telnet and netcat, and the WebSocket and page at /text.
/// See docs/COMPATIBILITY.md.
/// </summary>
public sealed class TextGatewayOptions
{
    /// <summary>Serve the gateway at all (TCP and /text).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>TCP port; 0 turns the TCP listener off (the /text WebSocket stays).</summary>
    public int Port { get; set; } = 2323;

    /// <summary>
    /// The address the TCP listener binds (every IPv4 interface by default), optionally with a port
    /// that replaces <see cref="Port"/>: "127.0.0.1:0" binds a free loopback port (the tests do).
    /// </summary>
    public string Listen { get; set; } = "0.0.0.0";

    public TextIdentity Identity { get; set; } = TextIdentity.Guests;

    /// <summary>ANSI colours on TCP replies, as async_chat's ColorModule (plain by default).</summary>
    public bool Color { get; set; }

    /// <summary>A longer line (or WebSocket frame) is refused and the connection closed.</summary>
    public int MaxLineBytes { get; set; } = 8192;

    /// <summary>Commands a connection may send per second, with a burst of five times that.</summary>
    public int CommandsPerSecond { get; set; } = 5;

    public int MaxConnections { get; set; } = 2000;

    public int MaxConnectionsPerAddress { get; set; } = 200;

    /// <summary>A connection that has not logged in by then is closed.</summary>
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A logged-in connection silent this long is logged out and closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>New guests one source address may make at once (a name used before costs nothing).</summary>
    public int NewGuestsPerAddress { get; set; } = 20;

    /// <summary>How fast an address's budget of new guests refills.</summary>
    public int NewGuestsPerAddressPerHour { get; set; } = 20;

    /// <summary>Guests the server keeps at most (not removed, connected or not); past it no new guest is made.</summary>
    public int MaxGuests { get; set; } = 1000;

    /// <summary>A guest not connected and not seen for this long is removed by housekeeping; its name is free again.</summary>
    public TimeSpan ReclaimGuestsAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Where the TCP listener binds; null when it is off.</summary>
    public IPEndPoint? TcpEndPoint()
    {
        if (!Enabled)
        {
            return null;
        }

        if (IPAddress.TryParse(Listen, out var address))
        {
            return Port == 0 ? null : new IPEndPoint(address, Port);
        }

        return IPEndPoint.TryParse(Listen, out var endPoint) ? endPoint : null;
    }

    /// <summary>Every problem with these settings, one line each, named from "Hallway:Text".</summary>
    public IEnumerable<string> Problems()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"Hallway:Text:Port must be 0 to 65535 (is {Port})";
        }

        if (!IPAddress.TryParse(Listen, out _) && !IPEndPoint.TryParse(Listen, out _))
        {
            yield return $"Hallway:Text:Listen must be an IP address such as 0.0.0.0, or address:port (is '{Listen}')";
        }

        if (MaxLineBytes is < 64 or > 1_048_576)
        {
            yield return $"Hallway:Text:MaxLineBytes must be 64 to 1048576 (is {MaxLineBytes})";
        }

        if (CommandsPerSecond is < 1 or > 100_000)
        {
            yield return $"Hallway:Text:CommandsPerSecond must be 1 to 100000 (is {CommandsPerSecond})";
        }

        if (MaxConnections < 1 || MaxConnectionsPerAddress < 1)
        {
            yield return "Hallway:Text:MaxConnections and MaxConnectionsPerAddress must be at least 1";
        }

        if (NewGuestsPerAddress is < 1 or > 100_000)
        {
            yield return $"Hallway:Text:NewGuestsPerAddress must be 1 to 100000 (is {NewGuestsPerAddress})";
        }

        if (NewGuestsPerAddressPerHour is < 1 or > 100_000)
        {
            yield return $"Hallway:Text:NewGuestsPerAddressPerHour must be 1 to 100000 (is {NewGuestsPerAddressPerHour})";
        }

        if (MaxGuests is < 1 or > 10_000_000)
        {
            yield return $"Hallway:Text:MaxGuests must be 1 to 10000000 (is {MaxGuests})";
        }

        if (ReclaimGuestsAfter < TimeSpan.FromHours(1))
        {
            yield return $"Hallway:Text:ReclaimGuestsAfter must be at least 01:00:00 (is {ReclaimGuestsAfter})";
        }

        if (LoginTimeout <= TimeSpan.Zero || IdleTimeout <= TimeSpan.Zero)
        {
            yield return "Hallway:Text:LoginTimeout and IdleTimeout must be positive";
        }
    }
}
