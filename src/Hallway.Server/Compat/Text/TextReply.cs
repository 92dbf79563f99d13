using System.Text;

namespace Hallway.Server.Compat.Text;

public enum TextReplyKind
{
    Error,
    System,
    Info,

    /// <summary>A bare answer of clear mode (<c>/whoami</c>).</summary>
    Plain,

    /// <summary>The user list; a list frame on the WebSocket in clear mode, a repr line otherwise.</summary>
    List,
    Public,
    Private,
}

/// <summary>
/// One reply of the async_chat protocol, kept in parts so each transport renders it its own way:
/// a plain or ANSI-coloured line on TCP, a JSON frame on the WebSocket. The texts are async_chat's,
/// byte for byte.
/// </summary>
public sealed record TextReply(TextReplyKind Kind, string Text, string Time = "", string Sender = "", string To = "", IReadOnlyList<string>? Names = null)
{
    private const string Reset = "\e[0m";
    private const string Red = "\e[31m";
    private const string Green = "\e[32m";
    private const string Yellow = "\e[33m";
    private const string Cyan = "\e[36m";
    private const string Grey = "\e[90m";

    public static TextReply Error(string text) => new(TextReplyKind.Error, text);

    public static TextReply System(string text) => new(TextReplyKind.System, text);

    public static TextReply Info(string text) => new(TextReplyKind.Info, text);

    public static TextReply Plain(string text) => new(TextReplyKind.Plain, text);

    public static TextReply LoggedIn(string name) => System($"[{name}] login to chat.");

    public static TextReply LoggedOut(string name) => System($"[{name}] logout from chat.");

    public static TextReply NotFound(string name) => Error($"[{name}] not found!");

    /// <summary><c>userlist</c>: <c>[INFO] - ['a', 'b']</c>; clear mode: the bare list.</summary>
    public static TextReply UserList(IReadOnlyList<string> names, bool clear) =>
        clear ? new(TextReplyKind.List, Repr(names), Names: names) : Info(Repr(names));

    public static TextReply Public(string time, string sender, string text) => new(TextReplyKind.Public, text, time, sender);

    public static TextReply Private(string time, string sender, string to, string text) => new(TextReplyKind.Private, text, time, sender, to);

    /// <summary>The line as async_chat prints it, without the newline.</summary>
    public string Line() => Kind switch
    {
        TextReplyKind.Error => $"[ERROR] - {Text}",
        TextReplyKind.System => $"[SYSTEM INFO] - {Text}",
        TextReplyKind.Info => $"[INFO] - {Text}",
        TextReplyKind.Public => $"[{Time}][{Sender}]: {Text}",
        TextReplyKind.Private => $"[{Time}][{Sender}][->][{To}]: {Text}",
        _ => Text,
    };

    /// <summary>The line with ANSI colours for terminals (only when the operator turns them on).</summary>
    public string ColoredLine() => Kind switch
    {
        TextReplyKind.Error => $"{Red}[ERROR]{Reset} - {Text}",
        TextReplyKind.System => $"{Green}[SYSTEM INFO]{Reset} - {Text}",
        TextReplyKind.Info => $"{Yellow}[INFO]{Reset} - {Text}",
        TextReplyKind.Public => $"{Grey}[{Time}]{Reset}[{Cyan}{Sender}{Reset}]: {Text}",
        TextReplyKind.Private => $"{Grey}[{Time}]{Reset}[{Cyan}{Sender}{Reset}][->][{Cyan}{To}{Reset}]: {Text}",
        _ => Text,
    };

    /// <summary>
    /// Python's repr of a list of str, as async_chat printed it: <c>['a', 'b']</c>. Names never hold
    /// quotes or backslashes (<see cref="Core.Accounts.GuestNames"/>, account usernames), so each is
    /// just quoted.
    /// </summary>
    public static string Repr(IReadOnlyList<string> names)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < names.Count; i++)
        {
            text.Append(i == 0 ? "'" : ", '").Append(names[i]).Append('\'');
        }

        return text.Append(']').ToString();
    }
}
