using System.Text;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// One event as the text gateway shows it: its replies, and their bytes in each wire format, each
/// made on first use and then shared by every connection that prints the event (the plain and the
/// coloured TCP lines, the /text WebSocket frames). Racing first uses may render twice; both
/// results are the same bytes, so whichever is kept is right.
/// </summary>
public sealed class TextLines(IReadOnlyList<TextReply> replies)
{
    private byte[]? _plain;
    private byte[]? _colored;
    private byte[][]? _frames;

    public IReadOnlyList<TextReply> Replies { get; } = replies;

    /// <summary>Every reply as a TCP line ("\n"-terminated), back to back: one write for the whole event.</summary>
    public byte[] TcpBytes(bool color)
    {
        ref var cached = ref color ? ref _colored : ref _plain;
        if (cached is { } known)
        {
            return known;
        }

        var text = new StringBuilder();
        foreach (var reply in Replies)
        {
            text.Append(color ? reply.ColoredLine() : reply.Line()).Append('\n');
        }

        return cached = Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Every reply as one WebSocket message's payload, rendered by <paramref name="frame"/>.</summary>
    public byte[][] Frames(Func<TextReply, byte[]> frame) => _frames ??= [.. Replies.Select(frame)];
}
