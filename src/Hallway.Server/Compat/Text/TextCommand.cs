namespace Hallway.Server.Compat.Text;

public enum TextVerb
{
    Login,
    Logout,
    Msg,
    MsgAll,
    WhoAmI,
    UserList,
}

/// <summary>
/// One parsed line of the async_chat protocol (docs/COMPATIBILITY.md, PROTOCOLS.md §1): the line
/// split on single spaces into <c>cmd [param] [body...]</c>; a leading '/' ("clear" mode) changes
/// only what whoami and userlist print. A syntax error is set here, before anyone checks login.
/// </summary>
public sealed record TextCommand(TextVerb Verb, bool Clear, string Param, string Body, string? SyntaxError)
{
    public const string UnknownCommand = "unknown command";
    public const string RequireUsername = "require username";
    public const string OverageInfo = "overage info";
    public const string EmptyMessage = "empty message";

    /// <param name="line">The line without its CR/LF.</param>
    /// <param name="passwords">Whether <c>login</c> takes a password after the name (accounts).</param>
    public static TextCommand Parse(string line, bool passwords)
    {
        var parts = line.Split(' ');
        var word = parts[0];
        var clear = word.StartsWith('/');
        if (clear)
        {
            word = word[1..];
        }

        return word switch
        {
            "login" => parts.Length switch
            {
                1 => Error(TextVerb.Login, clear, RequireUsername),
                2 => new(TextVerb.Login, clear, parts[1], string.Empty, null),
                _ when passwords => new(TextVerb.Login, clear, parts[1], Rest(parts, 2), null),
                _ => Error(TextVerb.Login, clear, OverageInfo),
            },
            "logout" => parts.Length == 1 ? new(TextVerb.Logout, clear, string.Empty, string.Empty, null) : Error(TextVerb.Logout, clear, OverageInfo),
            "msg" => parts.Length switch
            {
                1 => Error(TextVerb.Msg, clear, OverageInfo),
                2 => Error(TextVerb.Msg, clear, EmptyMessage),
                _ => Rest(parts, 2) is { Length: > 0 } body ? new(TextVerb.Msg, clear, parts[1], body, null) : Error(TextVerb.Msg, clear, EmptyMessage),
            },
            "msgall" => parts.Length > 1 && Rest(parts, 1) is { Length: > 0 } text
                ? new(TextVerb.MsgAll, clear, string.Empty, text, null)
                : Error(TextVerb.MsgAll, clear, EmptyMessage),
            "whoami" => new(TextVerb.WhoAmI, clear, string.Empty, string.Empty, null),
            "userlist" => new(TextVerb.UserList, clear, string.Empty, string.Empty, null),
            _ => Error(TextVerb.Login, clear, UnknownCommand),
        };
    }

    private static TextCommand Error(TextVerb verb, bool clear, string error) => new(verb, clear, string.Empty, string.Empty, error);

    /// <summary>The body: the tokens from <paramref name="from"/> on, re-joined with single spaces.</summary>
    private static string Rest(string[] parts, int from) => string.Join(' ', parts, from, parts.Length - from);
}
