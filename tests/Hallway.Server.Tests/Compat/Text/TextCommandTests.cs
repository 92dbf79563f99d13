using Hallway.Server.Compat.Text;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// The async_chat line parser against PROTOCOLS.md §1: the line is split on single spaces into
/// <c>cmd [param] [body...]</c>, commands are case-sensitive, a leading '/' is "clear" mode, and the
/// body is the tokens re-joined with single spaces.
/// </summary>
public sealed class TextCommandTests
{
    [Theory]
    [InlineData("login alice", TextVerb.Login, false, "alice", "")]
    [InlineData("/login alice", TextVerb.Login, true, "alice", "")]
    [InlineData("logout", TextVerb.Logout, false, "", "")]
    [InlineData("/logout", TextVerb.Logout, true, "", "")]
    [InlineData("msg bob hi", TextVerb.Msg, false, "bob", "hi")]
    [InlineData("/msg bob hi there", TextVerb.Msg, true, "bob", "hi there")]
    [InlineData("msgall hello", TextVerb.MsgAll, false, "", "hello")]
    [InlineData("/msgall hello world", TextVerb.MsgAll, true, "", "hello world")]
    [InlineData("whoami", TextVerb.WhoAmI, false, "", "")]
    [InlineData("/whoami", TextVerb.WhoAmI, true, "", "")]
    [InlineData("userlist", TextVerb.UserList, false, "", "")]
    [InlineData("/userlist", TextVerb.UserList, true, "", "")]
    public void Parse_ReadsEveryCommand_WithAndWithoutTheSlash(string line, TextVerb verb, bool clear, string param, string body) =>
        Assert.Equal(new TextCommand(verb, clear, param, body, null), TextCommand.Parse(line, passwords: false));

    [Theory]
    [InlineData("whoami x", TextVerb.WhoAmI, false)]
    [InlineData("whoami x y z", TextVerb.WhoAmI, false)]
    [InlineData("/whoami everything else", TextVerb.WhoAmI, true)]
    [InlineData("whoami ", TextVerb.WhoAmI, false)]
    [InlineData("userlist x", TextVerb.UserList, false)]
    [InlineData("/userlist of all the users", TextVerb.UserList, true)]
    [InlineData("userlist ", TextVerb.UserList, false)]
    public void Parse_WhoAmIAndUserList_IgnoreExtraArguments(string line, TextVerb verb, bool clear) =>
        Assert.Equal(new TextCommand(verb, clear, "", "", null), TextCommand.Parse(line, passwords: false));

    [Theory]
    [InlineData("msg bob a b c", "bob", "a b c")]
    [InlineData("msgall a b c", "", "a b c")]
    // Split on single spaces, "msgall  a  b" is the tokens "", "a", "", "b"; re-joined with single
    // spaces they give back " a  b": the body keeps its spacing exactly, leading space included.
    [InlineData("msgall  a  b", "", " a  b")]
    [InlineData("msgall a ", "", "a ")]
    [InlineData("msg bob  hi", "bob", " hi")]
    [InlineData("msg bob hi  ", "bob", "hi  ")]
    // Two spaces after msg: the name is the empty token between them and the rest is the text
    // (the gateway then answers "[] not found!").
    [InlineData("msg  bob hi", "", "bob hi")]
    // Only spaces after the command: still a non-empty body of one space, not "empty message".
    [InlineData("msgall  ", "", " ")]
    [InlineData("msg bob  ", "bob", " ")]
    public void Parse_Body_IsTheTokensRejoinedWithSingleSpaces(string line, string param, string body)
    {
        var command = TextCommand.Parse(line, passwords: false);

        Assert.Null(command.SyntaxError);
        Assert.Equal(param, command.Param);
        Assert.Equal(body, command.Body);
    }

    [Theory]
    [InlineData("msg анна привет мир", TextVerb.Msg, "анна", "привет мир")]
    [InlineData("msgall 😀 ok 👍", TextVerb.MsgAll, "", "😀 ok 👍")]
    [InlineData("msgall 日本語のテキスト", TextVerb.MsgAll, "", "日本語のテキスト")]
    [InlineData("login José", TextVerb.Login, "José", "")]
    [InlineData("msg bob ¿qué tal? ñ", TextVerb.Msg, "bob", "¿qué tal? ñ")]
    public void Parse_KeepsNonAsciiText(string line, TextVerb verb, string param, string body) =>
        Assert.Equal(new TextCommand(verb, false, param, body, null), TextCommand.Parse(line, passwords: false));

    [Theory]
    [InlineData("login", TextVerb.Login, false, TextCommand.RequireUsername)]
    [InlineData("/login", TextVerb.Login, true, TextCommand.RequireUsername)]
    [InlineData("login a b", TextVerb.Login, false, TextCommand.OverageInfo)]
    [InlineData("login a b c", TextVerb.Login, false, TextCommand.OverageInfo)]
    // A trailing space is a third, empty token: async_chat's split(' ') says overage info too.
    [InlineData("login alice ", TextVerb.Login, false, TextCommand.OverageInfo)]
    [InlineData("logout x", TextVerb.Logout, false, TextCommand.OverageInfo)]
    [InlineData("/logout x y", TextVerb.Logout, true, TextCommand.OverageInfo)]
    [InlineData("logout ", TextVerb.Logout, false, TextCommand.OverageInfo)]
    [InlineData("msg", TextVerb.Msg, false, TextCommand.OverageInfo)]
    [InlineData("/msg", TextVerb.Msg, true, TextCommand.OverageInfo)]
    [InlineData("msg bob", TextVerb.Msg, false, TextCommand.EmptyMessage)]
    [InlineData("/msg bob", TextVerb.Msg, true, TextCommand.EmptyMessage)]
    [InlineData("msg bob ", TextVerb.Msg, false, TextCommand.EmptyMessage)]
    [InlineData("msg ", TextVerb.Msg, false, TextCommand.EmptyMessage)]
    [InlineData("msgall", TextVerb.MsgAll, false, TextCommand.EmptyMessage)]
    [InlineData("/msgall", TextVerb.MsgAll, true, TextCommand.EmptyMessage)]
    [InlineData("msgall ", TextVerb.MsgAll, false, TextCommand.EmptyMessage)]
    public void Parse_SyntaxErrors_NameTheCommand(string line, TextVerb verb, bool clear, string error) =>
        Assert.Equal(new TextCommand(verb, clear, "", "", error), TextCommand.Parse(line, passwords: false));

    [Fact]
    public void Parse_SyntaxErrorTexts_AreAsyncChats()
    {
        Assert.Equal("unknown command", TextCommand.UnknownCommand);
        Assert.Equal("require username", TextCommand.RequireUsername);
        Assert.Equal("overage info", TextCommand.OverageInfo);
        Assert.Equal("empty message", TextCommand.EmptyMessage);
    }

    [Theory]
    [InlineData("LOGIN alice", false)] // commands are case-sensitive
    [InlineData("Login alice", false)]
    [InlineData("Msg bob hi", false)]
    [InlineData("MSGALL hi", false)]
    [InlineData("/Whoami", true)]
    [InlineData("USERLIST", false)]
    [InlineData("help", false)]
    [InlineData("quit", false)]
    [InlineData("msgallx hi", false)]
    [InlineData("/", true)] // a lone slash: clear mode, empty command
    [InlineData("//login alice", true)] // only one slash comes off
    [InlineData("/ login alice", true)]
    [InlineData(" login alice", false)] // a leading space makes the command the empty token
    [InlineData("login\talice", false)] // only spaces separate: the command is "login\talice"
    [InlineData("msgall\thi", false)]
    [InlineData("логин alice", false)]
    // The connection treats an empty line as a disconnect and never parses it; the parser alone
    // calls it an unknown command.
    [InlineData("", false)]
    public void Parse_UnknownCommands_AreSyntaxErrors(string line, bool clear)
    {
        var command = TextCommand.Parse(line, passwords: false);

        Assert.Equal(TextCommand.UnknownCommand, command.SyntaxError);
        Assert.Equal(clear, command.Clear);
        Assert.Equal("", command.Param);
        Assert.Equal("", command.Body);
    }

    [Theory]
    [InlineData("login alice", false, "alice", "", null)]
    [InlineData("login alice", true, "alice", "", null)]
    [InlineData("login", false, "", "", TextCommand.RequireUsername)]
    [InlineData("login", true, "", "", TextCommand.RequireUsername)]
    // With passwords (accounts) the second word is the password; async_chat itself had none.
    [InlineData("login a b", false, "", "", TextCommand.OverageInfo)]
    [InlineData("login a b", true, "a", "b", null)]
    // The password is the rest of the line, so it may hold spaces.
    [InlineData("login a b c", false, "", "", TextCommand.OverageInfo)]
    [InlineData("login a b c", true, "a", "b c", null)]
    [InlineData("login a  b", true, "a", " b", null)]
    // A trailing space is an empty password: the gateway then treats it as a guest login.
    [InlineData("login alice ", true, "alice", "", null)]
    // "login " is a login with an empty name, not "require username": the gateway answers it with
    // "Username already taken!" as async_chat did.
    [InlineData("login ", false, "", "", null)]
    [InlineData("login ", true, "", "", null)]
    public void Parse_Login_TakesAPasswordOnlyInPasswordMode(string line, bool passwords, string param, string body, string? error) =>
        Assert.Equal(new TextCommand(TextVerb.Login, false, param, body, error), TextCommand.Parse(line, passwords));

    [Theory]
    [InlineData("logout")]
    [InlineData("logout x")]
    [InlineData("msg")]
    [InlineData("msg bob")]
    [InlineData("msg bob a b")]
    [InlineData("msgall")]
    [InlineData("/msgall a b")]
    [InlineData("whoami x")]
    [InlineData("/userlist")]
    [InlineData("LOGIN a b")]
    public void Parse_OtherCommands_AreTheSameInBothModes(string line) =>
        Assert.Equal(TextCommand.Parse(line, passwords: false), TextCommand.Parse(line, passwords: true));
}
