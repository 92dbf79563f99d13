namespace Hallway.Server.Compat.Text;

/// <summary>
/// The async_chat text gateway: TCP for telnet and netcat, and the WebSocket at /text.
/// See docs/COMPATIBILITY.md.
/// </summary>
public sealed class TextGatewayOptions
{
    /// <summary>TCP port on every interface; 0 turns the TCP listener off (the /text WebSocket stays).</summary>
    public int Port { get; set; } = 2323;

    /// <summary>Every problem with these settings, one line each, named from "Hallway:Text".</summary>
    public IEnumerable<string> Problems()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"Hallway:Text:Port must be 0 to 65535 (is {Port})";
        }
    }
}
