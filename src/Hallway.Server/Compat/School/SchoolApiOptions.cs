using System.Net;

namespace Hallway.Server.Compat.School;

/// <summary>
/// The school LAN messenger's REST API and /ws/{user_id} socket, and its UDP discovery answer.
/// See docs/COMPATIBILITY.md.
/// </summary>
public sealed class SchoolApiOptions
{
    /// <summary>Serve the school messenger's endpoints on the HTTP port.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>UDP port answering {"type":"discovery"}; 0 turns discovery off.</summary>
    public int DiscoveryPort { get; set; } = 37020;

    /// <summary>The address the discovery listener binds (every IPv4 interface by default; tests use 127.0.0.1).</summary>
    public string DiscoveryListen { get; set; } = "0.0.0.0";

    /// <summary>Discovery answers one address at most this often per second (a burst of three times that).</summary>
    public int DiscoveryRepliesPerSecond { get; set; } = 2;

    /// <summary>The server's name in the client's server browser.</summary>
    public string ServerName { get; set; } = "Hallway";

    /// <summary>Every problem with these settings, one line each, named from "Hallway:School".</summary>
    public IEnumerable<string> Problems()
    {
        if (DiscoveryPort is < 0 or > 65535)
        {
            yield return $"Hallway:School:DiscoveryPort must be 0 to 65535 (is {DiscoveryPort})";
        }

        if (!IPAddress.TryParse(DiscoveryListen, out _))
        {
            yield return $"Hallway:School:DiscoveryListen must be an IP address such as 0.0.0.0 (is '{DiscoveryListen}')";
        }

        if (DiscoveryRepliesPerSecond is < 1 or > 1000)
        {
            yield return $"Hallway:School:DiscoveryRepliesPerSecond must be 1 to 1000 (is {DiscoveryRepliesPerSecond})";
        }

        // The answer must fit the client's 1024-byte receive buffer with the other fields.
        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.Length > 64)
        {
            yield return "Hallway:School:ServerName must be 1 to 64 characters";
        }
    }
}
