using System.CommandLine;
using Hallway.Cli;
using Hallway.Cli.Admin;
using Hallway.Cli.Bench;

var root = new RootCommand("Hallway: a messenger for one building's network, with no internet needed.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(AdminCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // A wrong flag is a bad setting like any other: one line each, exit code 2.
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"hallway: {error.Message}");
    }

    await Console.Error.WriteLineAsync("hallway: see 'hallway --help'.");
    return 2;
}

// The server's host handles Ctrl+C and SIGTERM itself (graceful shutdown); System.CommandLine's own
// handler would race it.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
