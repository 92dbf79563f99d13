using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Server.Compat.Text;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>The reply lines of async_chat (PROTOCOLS.md §1), plain and ANSI-coloured, and the list repr.</summary>
public sealed class TextReplyTests
{
    private const string Reset = "\e[0m";
    private const string Red = "\e[31m";
    private const string Green = "\e[32m";
    private const string Yellow = "\e[33m";
    private const string Cyan = "\e[36m";
    private const string Grey = "\e[90m";

    public static TheoryData<TextReply, string> Lines => new()
    {
        { TextReply.Error("x"), "[ERROR] - x" },
        { TextReply.Error("First login!"), "[ERROR] - First login!" },
        { TextReply.NotFound("bob"), "[ERROR] - [bob] not found!" },
        { TextReply.System("hello"), "[SYSTEM INFO] - hello" },
        { TextReply.LoggedIn("alice"), "[SYSTEM INFO] - [alice] login to chat." },
        { TextReply.LoggedOut("alice"), "[SYSTEM INFO] - [alice] logout from chat." },
        { TextReply.Info("alice"), "[INFO] - alice" },
        { TextReply.Plain("alice"), "alice" },
        { TextReply.Public("09:05:01", "alice", "hi all"), "[09:05:01][alice]: hi all" },
        { TextReply.Private("23:59:59", "alice", "bob", "psst"), "[23:59:59][alice][->][bob]: psst" },
        { TextReply.Private("00:00:00", "alice", "alice", "note to self"), "[00:00:00][alice][->][alice]: note to self" },
        { TextReply.Public("12:00:00", "анна", "привет 😀"), "[12:00:00][анна]: привет 😀" },
        { TextReply.UserList(["a", "b"], clear: false), "[INFO] - ['a', 'b']" },
        { TextReply.UserList(["a", "b"], clear: true), "['a', 'b']" },
        { TextReply.UserList([], clear: false), "[INFO] - []" },
        { TextReply.UserList([], clear: true), "[]" },
    };

    public static TheoryData<TextReply, string> ColoredLines => new()
    {
        { TextReply.Error("x"), $"{Red}[ERROR]{Reset} - x" },
        { TextReply.LoggedIn("alice"), $"{Green}[SYSTEM INFO]{Reset} - [alice] login to chat." },
        { TextReply.LoggedOut("alice"), $"{Green}[SYSTEM INFO]{Reset} - [alice] logout from chat." },
        { TextReply.Info("alice"), $"{Yellow}[INFO]{Reset} - alice" },
        { TextReply.Public("09:05:01", "alice", "hi all"), $"{Grey}[09:05:01]{Reset}[{Cyan}alice{Reset}]: hi all" },
        { TextReply.Private("23:59:59", "alice", "bob", "psst"), $"{Grey}[23:59:59]{Reset}[{Cyan}alice{Reset}][->][{Cyan}bob{Reset}]: psst" },
        { TextReply.UserList(["a", "b"], clear: false), $"{Yellow}[INFO]{Reset} - ['a', 'b']" },

        // The bare answers of clear mode stay bare: a client parses them.
        { TextReply.Plain("alice"), "alice" },
        { TextReply.UserList(["a", "b"], clear: true), "['a', 'b']" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_IsAsyncChatsTextExactly(TextReply reply, string expected) =>
        Assert.Equal(expected, reply.Line());

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_HasNoAnsiEscapes(TextReply reply, string expected)
    {
        _ = expected;
        Assert.DoesNotContain('\e', reply.Line());
    }

    [Theory]
    [MemberData(nameof(ColoredLines))]
    public void ColoredLine_WrapsTheTagsInAnsiColours(TextReply reply, string expected) =>
        Assert.Equal(expected, reply.ColoredLine());

    [Theory]
    [MemberData(nameof(Lines))]
    public void ColoredLine_WithoutItsEscapes_IsTheLine(TextReply reply, string expected)
    {
        var stripped = reply.ColoredLine()
            .Replace(Reset, "", StringComparison.Ordinal)
            .Replace(Red, "", StringComparison.Ordinal)
            .Replace(Green, "", StringComparison.Ordinal)
            .Replace(Yellow, "", StringComparison.Ordinal)
            .Replace(Cyan, "", StringComparison.Ordinal)
            .Replace(Grey, "", StringComparison.Ordinal);

        Assert.Equal(expected, stripped);
    }

    [Theory]
    [InlineData(false, TextReplyKind.Info)]
    [InlineData(true, TextReplyKind.List)] // a list frame on the WebSocket
    public void UserList_KeepsTheNames_AndItsKindFollowsClearMode(bool clear, TextReplyKind kind)
    {
        string[] names = ["alice", "bob"];
        var reply = TextReply.UserList(names, clear);

        Assert.Equal(kind, reply.Kind);
        Assert.Equal("['alice', 'bob']", reply.Text);
        if (clear)
        {
            Assert.Equal(names, reply.Names);
        }
        else
        {
            Assert.Null(reply.Names);
        }
    }

    // Every expected value is what Python 3 prints for repr() of the same list.
    [Theory]
    [InlineData(new string[] { }, "[]")]
    [InlineData(new[] { "alice" }, "['alice']")]
    [InlineData(new[] { "a", "b" }, "['a', 'b']")]
    [InlineData(new[] { "c", "a", "b" }, "['c', 'a', 'b']")] // login order, not sorted
    [InlineData(new[] { "Alice", "alice" }, "['Alice', 'alice']")]
    [InlineData(new[] { "a.b", "c_d", "e-f", "~g", "(h)", "i@j" }, "['a.b', 'c_d', 'e-f', '~g', '(h)', 'i@j']")]
    // Python 3 keeps printable non-ASCII as it is (Python 2 would have written \xd0\xb0...).
    [InlineData(new[] { "анна", "😀", "José", "日本" }, "['анна', '😀', 'José', '日本']")]
    public void Repr_IsPythonsListRepr(string[] names, string expected) =>
        Assert.Equal(expected, TextReply.Repr(names));

    /// <summary>
    /// Repr quotes each name as it is, without Python's escaping: Python writes <c>["it's"]</c>,
    /// <c>['a\\b']</c>, <c>['\xa0']</c> and <c>['x\u200by']</c>. That is right only because no name
    /// that can reach the list holds such characters; this pins that both name rules refuse them.
    /// </summary>
    [Theory]
    [InlineData(@"it's")]
    [InlineData(@"say\u0022hi\u0022")] // "
    [InlineData(@"both'and\u0022")]
    [InlineData(@"back\\slash")]
    [InlineData(@"tab\tname")]
    [InlineData(@"line\nbreak")]
    [InlineData(@"nb\u00A0sp")]
    [InlineData(@"zero\u200Bwidth")]
    [InlineData(@"bell\u0007")]
    public void Repr_NeedsNoEscaping_BecauseNoGuestOrAccountNameHoldsSuchCharacters(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);

        Assert.False(GuestNames.IsValid(name));
        Assert.Equal("invalid_username", Assert.Throws<HallwayException>(() => UsernameRules.Validate(name)).Code);
    }
}
