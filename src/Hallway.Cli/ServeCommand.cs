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
        var port = new Option<int?>("--port")
        {
            Description = "HTTP port on every interface (default 8000; 0 picks a free one)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"--port must be a whole number from 0 to 65535 (is '{text}')");
                return null;
            },
        };
        var data = new Option<string?>("--data") { Description = "Data folder for the database and files (default ./data)" };
        var urls = new Option<string?>("--urls") { Description = "Explicit listen URLs instead of --port, e.g. http://127.0.0.1:9000" };
        var command = new Command("serve", "Start the Hallway server (embedded SQLite in the data folder).") { port, data, urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            Put(overrides, "Port", parse.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Put(overrides, "Data", parse.GetValue(data));
            Put(overrides, "Urls", parse.GetValue(urls));
            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = HallwayServer.Build(overrides, b => b.Logging
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .AddFilter("Microsoft.Hosting", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
                .AddFilter("Hallway.Server.Auth", LogLevel.Warning));
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
            Banner.Print(addresses, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HallwayOptions>>().Value);
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static void Put(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[$"{HallwayOptions.Section}:{key}"] = value;
        }
    }
}
