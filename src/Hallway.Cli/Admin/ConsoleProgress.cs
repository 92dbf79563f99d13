namespace Hallway.Cli.Admin;

/// <summary>
/// A progress bar on a terminal ("[#####.....] 50/100 accounts", redrawn in place on stderr); when
/// output goes to a file or a pipe, a line at each tenth instead, so logs stay readable.
/// </summary>
internal sealed class ConsoleProgress(string what, int total)
{
    private const int Width = 30;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private int _done;
    private int _lastTenth = -1;

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        lock (this)
        {
            if (_terminal)
            {
                var filled = total == 0 ? Width : done * Width / total;
                Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {what}");
                if (done == total)
                {
                    Console.Error.WriteLine();
                }
            }
            else if (total > 0 && done * 10 / total is var tenth && tenth > _lastTenth)
            {
                _lastTenth = tenth;
                Console.Error.WriteLine($"{what}: {done} of {total}");
            }
        }
    }
}
