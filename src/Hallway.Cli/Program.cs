using System.CommandLine;
using Hallway.Cli;
using Hallway.Cli.Bench;

var root = new RootCommand("Hallway: a messenger for one building's network, with no internet needed.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

// The server's host handles Ctrl+C and SIGTERM itself (graceful shutdown); System.CommandLine's own
// handler would race it.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
