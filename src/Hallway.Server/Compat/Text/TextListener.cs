using System.Net;
using System.Net.Sockets;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// The text gateway's TCP port (2323 by default) for telnet and netcat. If the port cannot be
/// bound, a warning is logged and the server goes on without it (the /text WebSocket stays).
/// </summary>
public sealed partial class TextListener(TextGatewayOptions options, TextRoom room, ILogger<TextListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The TCP port bound (the free one, when "address:0" was asked for); 0 when off or failed.</summary>
    public Task<int> BoundPort => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.TcpEndPoint() is not { } endPoint)
        {
            _bound.TrySetResult(0);
            return;
        }

        var listener = new TcpListener(endPoint);
        try
        {
            listener.Start(backlog: 512);
        }
        catch (SocketException e)
        {
            LogBindFailed(logger, endPoint.ToString(), e.Message);
            _bound.TrySetResult(0);
            return;
        }

        var connections = new List<Task>();
        try
        {
            _bound.TrySetResult(((IPEndPoint)listener.LocalEndpoint).Port);
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stoppingToken);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            listener.Stop();
            room.CloseAll();
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield(); // off the accept loop
        try
        {
            var connection = new TcpTextConnection(socket, room);
            if (!room.TryOpen(connection))
            {
                await connection.RefuseAsync();
                return;
            }

            await connection.RunAsync();
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            socket.Dispose();
        }
        catch (Exception e)
        {
            LogConnectionFailed(logger, e);
            socket.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The text gateway's TCP port is off: cannot bind {EndPoint} ({Reason})")]
    private static partial void LogBindFailed(ILogger logger, string endPoint, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A text gateway connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}
