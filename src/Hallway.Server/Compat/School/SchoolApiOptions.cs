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

    /// <summary>Every problem with these settings, one line each, named from "Hallway:School".</summary>
    public IEnumerable<string> Problems()
    {
        if (DiscoveryPort is < 0 or > 65535)
        {
            yield return $"Hallway:School:DiscoveryPort must be 0 to 65535 (is {DiscoveryPort})";
        }
    }
}
