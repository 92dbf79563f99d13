using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hallway.Cli.Tests.Infrastructure;

/// <summary>
/// A running <c>hallway serve</c> child process. Started with a bounded wait for its
/// "Listening on" line; always killed on dispose, so no test leaves a server behind.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>The default data-bound way to start: loopback, a free port, the given data folder.</summary>
    public static Task<ServerProcess> ServeAsync(string workingDirectory, string dataFolder, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(workingDirectory, environment, "serve", "--urls", "http://127.0.0.1:0", "--data", dataFolder);

    /// <summary>Starts <c>hallway args...</c> and waits (bounded) until it prints where it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var process = new Process { StartInfo = HallwayCli.StartInfo(workingDirectory, args, environment), EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.Add(e.Data);
                }
            }
        };
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("The server exited before it was listening."));
        process.Start();
        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            server.BaseAddress = await server._listening.Task.WaitAsync(HallwayCli.HangGuard);
            return server;
        }
        catch (Exception e)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"hallway {string.Join(' ', args)} did not start: {e.Message}\n{server.Describe()}", e);
        }
    }

    /// <summary>SIGKILL (on Linux): no shutdown code runs, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(HallwayCli.HangGuard);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM, as systemd or <c>docker stop</c> sends: the server shuts down gracefully. Returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
        {
            using var signalTimeout = new CancellationTokenSource(HallwayCli.HangGuard);
            await kill.WaitForExitAsync(signalTimeout.Token);
        }

        using var timeout = new CancellationTokenSource(HallwayCli.HangGuard);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public string Describe() =>
        $"--- stdout ---\n{string.Join('\n', Stdout)}\n--- stderr ---\n{string.Join('\n', Stderr)}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.Add(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"^Listening on (http://127\.0\.0\.1:\d+)/?\s*$")]
    private static partial Regex ListeningLine();
}
