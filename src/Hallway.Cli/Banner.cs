using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Hallway.Server.Hosting;

namespace Hallway.Cli;

/// <summary>The start-up lines: where people on the network should point their browsers.</summary>
internal static class Banner
{
    public static void Print(ICollection<string> boundAddresses, HallwayOptions options, int textPort)
    {
        Console.WriteLine($"Hallway {HallwayServer.Version} is running. Data: {options.Data}");
        foreach (var bound in boundAddresses)
        {
            // Machine-readable line (tests and scripts read the real port from it).
            Console.WriteLine($"Listening on {bound}");
            var uri = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            var wildcard = bound.Contains("0.0.0.0", StringComparison.Ordinal) || bound.Contains("[::]", StringComparison.Ordinal);
            if (wildcard)
            {
                foreach (var ip in LanAddresses())
                {
                    Console.WriteLine($"  Open on this network: {uri.Scheme}://{ip}:{uri.Port}/");
                }
            }
        }

        if (textPort != 0)
        {
            Console.WriteLine($"Text chat on TCP port {textPort} (telnet HOST {textPort}); in a browser at /text");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }

    /// <summary>IPv4 addresses of interfaces that are up, loopback excluded.</summary>
    public static IEnumerable<IPAddress> LanAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Distinct();
}
