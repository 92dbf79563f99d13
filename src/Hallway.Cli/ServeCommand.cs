using System.CommandLine;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hallway.Cli;

/// <summary><c>hallway serve</c>: runs the server until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = PortOption("--port", "HTTP port on every interface (default 8000; 0 picks a free one)");
        var textPort = PortOption("--text-port", "TCP port of the text chat for telnet and netcat (default 2323; 0 turns it off)");
        var data = new Option<string?>("--data") { Description = "Data folder for the database and files (default ./data)" };
        var urls = new Option<string?>("--urls") { Description = "Explicit listen URLs instead of --port, e.g. http://127.0.0.1:9000" };
        var logFormat = new Option<string?>("--log-format") { Description = "Console log as readable text (default) or json, one object a line" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Start the Hallway server (embedded SQLite in the data folder).") { port, textPort, data, urls, logFormat };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            Put(overrides, "Port", parse.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Put(overrides, "Text:Port", parse.GetValue(textPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Put(overrides, "Data", parse.GetValue(data));
            Put(overrides, "Urls", parse.GetValue(urls));
            Put(overrides, "LogFormat", parse.GetValue(logFormat));
            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = HallwayServer.Build(overrides, b =>
            {
                b.Logging
                    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                    .AddFilter("Microsoft.Hosting", LogLevel.Warning)
                    .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
                    .AddFilter("Hallway.Server.Auth", LogLevel.Warning);

                // Under systemd (Type=notify) or the Windows service manager: start-up and stop are
                // reported to it. Run by hand, both do nothing. docs/ADMIN.md has the unit files.
                b.Services.AddSystemd();
                b.Services.AddWindowsService();
                if (string.Equals(b.Configuration[$"{HallwayOptions.Section}:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
                {
                    // AddSystemd picks journald's format under systemd; an operator who asked for JSON keeps it.
                    b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.FormatterName = Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json);
                }
            });
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"hallway: bad setting: {problem}");
            }

            return 2;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"hallway: cannot listen: {e.Message}");
                return 1;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var textListener = app.Services.GetService<Hallway.Server.Compat.Text.TextListener>();
            var textPortBound = textListener is null ? 0 : await textListener.BoundPort.WaitAsync(cancellationToken);
            Banner.Print(addresses, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HallwayOptions>>().Value, textPortBound);
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static Option<int?> PortOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be a whole number from 0 to 65535 (is '{text}')");
            return null;
        },
    };

    private static void Put(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[$"{HallwayOptions.Section}:{key}"] = value;
        }
    }
}
