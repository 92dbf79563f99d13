using System.Diagnostics;

namespace Hallway.Cli.Tests.Infrastructure;

/// <summary>The outcome of running the CLI to completion.</summary>
public sealed record CliResult(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)
{
    /// <summary>The non-blank lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Stderr.Where(l => !string.IsNullOrWhiteSpace(l))];

    public string StdoutText => string.Join('\n', Stdout);

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout ---\n{StdoutText}\n--- stderr ---\n{string.Join('\n', Stderr)}";
}

public static class CliRun
{
    /// <summary>Runs <c>hallway args...</c> in <paramref name="workingDirectory"/> and waits (bounded) for it to exit.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = new Process { StartInfo = HallwayCli.StartInfo(workingDirectory, args, environment) };
        var stdout = new List<string>();
        var stderr = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Add(e.Data); } } };
        process.Start();
        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(HallwayCli.HangGuard);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"hallway {string.Join(' ', args)} did not exit within {HallwayCli.HangGuard}.");
            }

            process.WaitForExit(); // the process is gone; this drains the redirected streams
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        lock (stdout)
        {
            lock (stderr)
            {
                return new CliResult(process.ExitCode, [.. stdout], [.. stderr]);
            }
        }
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, null, args);
}
