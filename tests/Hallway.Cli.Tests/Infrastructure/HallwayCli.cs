using System.Diagnostics;
using System.Reflection;

namespace Hallway.Cli.Tests.Infrastructure;

/// <summary>Where the built CLI is and how to start it: <c>dotnet hallway.dll ...</c>.</summary>
public static class HallwayCli
{
    /// <summary>Every wait on a child process is bounded by this; it only guards against hangs.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>The hallway.dll built alongside these tests (recorded by the project file at build time).</summary>
    public static string DllPath { get; } = FindDll();

    public static string DotnetPath { get; } = FindDotnet();

    /// <summary>
    /// A start description with a clean environment: no HALLWAY__* variables leak in from the
    /// test run, the working folder is given, and every stream is redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("HALLWAY__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // Tests stay on loopback: the text gateway's TCP port on a free loopback port, and no UDP
        // discovery on every interface. A test that wants them sets these itself.
        info.Environment["HALLWAY__Text__Listen"] = "127.0.0.1:0";
        info.Environment["HALLWAY__School__DiscoveryPort"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static string FindDll()
    {
        var path = typeof(HallwayCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "HallwayCliPath")?.Value;
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException($"hallway.dll was not built where the project said it would be: '{path}'.");
        }

        return path;
    }

    private static string FindDotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return onPath ?? name;
    }
}
