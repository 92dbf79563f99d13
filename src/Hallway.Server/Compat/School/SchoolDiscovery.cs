using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hallway.Core.Presence;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hallway.Server.Compat.School;

/// <summary>
/// Answers the later school client's UDP discovery: a datagram <c>{"type":"discovery",...}</c> on
/// DiscoveryPort gets <c>{"type":"server_response","name","port",...}</c> back to its sender, from
/// this socket (the client takes the server's address from the reply's source). Junk is ignored;
/// each source address gets a few replies per second at most, so the server cannot be used to
/// flood a spoofed address. If the port cannot be bound, a warning is logged and the server goes on.
/// </summary>
public sealed partial class SchoolDiscovery(
    SchoolApiOptions options,
    PresenceTracker presence,
    IServer server,
    TimeProvider time,
    ILogger<SchoolDiscovery> logger) : BackgroundService
{
    // The client reads at most 1024 bytes; anything larger is not a discovery request.
    private const int MaxDatagram = 1024;
    private const int MaxTrackedSources = 4096;

    private readonly Dictionary<IPAddress, (double Tokens, long At)> _budget = [];
    private readonly TaskCompletionSource<int> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The UDP port bound (useful when DiscoveryPort was chosen by a test); 0 when off or failed.</summary>
    public Task<int> BoundPort => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.DiscoveryPort == 0)
        {
            _bound.TrySetResult(0);
            return;
        }

        UdpClient udp;
        try
        {
            udp = new UdpClient(new IPEndPoint(IPAddress.Parse(options.DiscoveryListen), options.DiscoveryPort));
        }
        catch (SocketException e)
        {
            LogBindFailed(logger, options.DiscoveryListen, options.DiscoveryPort, e.Message);
            _bound.TrySetResult(0);
            return;
        }

        using (udp)
        {
            _bound.TrySetResult(((IPEndPoint)udp.Client.LocalEndPoint!).Port);
            while (!stoppingToken.IsCancellationRequested)
            {
                UdpReceiveResult datagram;
                try
                {
                    datagram = await udp.ReceiveAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue; // e.g. an ICMP port-unreachable from an earlier reply
                }

                if (IsDiscovery(datagram.Buffer) && Allow(datagram.RemoteEndPoint.Address) && Reply() is { } reply)
                {
                    try
                    {
                        await udp.SendAsync(reply, datagram.RemoteEndPoint, stoppingToken);
                    }
                    catch (SocketException)
                    {
                    }
                }
            }
        }
    }

    private static bool IsDiscovery(byte[] datagram)
    {
        if (datagram.Length is 0 or > MaxDatagram)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(datagram);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("type", out var type) &&
                type.ValueKind == JsonValueKind.String && type.ValueEquals("discovery");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A token bucket per source address; the table is bounded (cleared when full).</summary>
    private bool Allow(IPAddress source)
    {
        var perSecond = options.DiscoveryRepliesPerSecond;
        var burst = perSecond * 3.0;
        var now = time.GetTimestamp();
        if (_budget.Count >= MaxTrackedSources && !_budget.ContainsKey(source))
        {
            _budget.Clear();
        }

        var (tokens, at) = _budget.TryGetValue(source, out var entry) ? entry : (burst, now);
        tokens = Math.Min(burst, tokens + (time.GetElapsedTime(at, now).TotalSeconds * perSecond));
        if (tokens < 1)
        {
            _budget[source] = (tokens, now);
            return false;
        }

        _budget[source] = (tokens - 1, now);
        return true;
    }

    private byte[]? Reply()
    {
        var port = HttpPort();
        if (port is null)
        {
            return null;
        }

        var reply = new SchoolDiscoveryReply(
            "server_response",
            options.ServerName,
            port.Value,
            presence.OnlineUsers().Length,
            PasswordRequired: false,
            "Hallway (school messenger API)",
            HallwayServer.Version,
            time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        return JsonSerializer.SerializeToUtf8Bytes(reply, SchoolJsonContext.Default.SchoolDiscoveryReply);
    }

    /// <summary>The port Kestrel really listens on (Urls may override Port, and 0 picks one).</summary>
    private int? HttpPort()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) && uri.Scheme == "http")
            {
                return uri.Port;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "School discovery is off: cannot bind UDP {Address}:{Port} ({Reason})")]
    private static partial void LogBindFailed(ILogger logger, string address, int port, string reason);
}
