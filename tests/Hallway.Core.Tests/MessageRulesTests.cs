using Hallway.Core.Common;
using Hallway.Core.Messages;

namespace Hallway.Core.Tests;

public sealed class MessageRulesTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  hello  ", "hello")]
    [InlineData("\n\tline one\nline two\n", "line one\nline two")]
    [InlineData("**bold** and `code`", "**bold** and `code`")]
    public void Text_TrimsAndKeepsInnerNewlines(string text, string expected) =>
        Assert.Equal(expected, MessageRules.Text(text, 4000));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\r\n\t")]
    public void Text_RejectsEmptyMessages(string? text)
    {
        var error = Assert.Throws<HallwayException>(() => MessageRules.Text(text, 4000));
        Assert.Equal("message_empty", error.Code);
    }

    [Fact]
    public void Text_CountsTheLimitInCodePoints()
    {
        // Five emoji are ten UTF-16 units but five characters.
        Assert.Equal("😀😀😀😀😀", MessageRules.Text("😀😀😀😀😀", 5));

        var error = Assert.Throws<HallwayException>(() => MessageRules.Text("😀😀😀😀😀😀", 5));
        Assert.Equal("message_too_long", error.Code);
        Assert.Equal(ErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void Text_AtTheLimitIsAccepted_OneMoreIsNot()
    {
        Assert.Equal(10, MessageRules.Text(new string('x', 10), 10).Length);
        Assert.Equal("message_too_long", Assert.Throws<HallwayException>(() => MessageRules.Text(new string('x', 11), 10)).Code);
    }

    [Fact]
    public void Text_LimitIsCheckedAfterTrimming() =>
        Assert.Equal("abc", MessageRules.Text("     abc     ", 3));

    [Theory]
    [InlineData(@"bad \u0000 byte")]
    [InlineData(@"escape \u001B[2J")]
    [InlineData(@"lone \uDC00 surrogate")]
    public void Text_RejectsControlCharactersAndLoneSurrogates(string escaped) =>
        Assert.Equal("invalid_text", Assert.Throws<HallwayException>(() => MessageRules.Text(Escaped.Text(escaped), 4000)).Code);

    [Theory]
    [InlineData("c1")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301")]
    [InlineData("web:tab-2.msg_17")]
    [InlineData("a")]
    [InlineData("x234567890123456789012345678901234567890123456789012345678901234")] // 64
    public void ClientId_AcceptsOneTo64SafeCharacters(string clientId) =>
        Assert.Equal(clientId, MessageRules.ClientId(clientId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x2345678901234567890123456789012345678901234567890123456789012345")] // 65
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("quote\"id")]
    [InlineData("ünïcode")]
    [InlineData("emoji😀")]
    public void ClientId_RejectsOtherValues(string? clientId) =>
        Assert.Equal("invalid_client_id", Assert.Throws<HallwayException>(() => MessageRules.ClientId(clientId)).Code);

    [Theory]
    [InlineData("👍")]
    [InlineData("❤️")] // heart + variation selector
    [InlineData("👍🏽")] // skin tone
    [InlineData("👨‍👩‍👧‍👦")] // ZWJ family, 7 code points
    [InlineData("🇺🇦")] // flag: two regional indicators
    [InlineData("🏳️‍🌈")] // ZWJ flag, 4 code points
    [InlineData("1️⃣")] // keycap: digit + variation selector + combining keycap
    [InlineData("#️⃣")]
    public void Emoji_AcceptsOneEmoji(string emoji) =>
        Assert.Equal(emoji, MessageRules.Emoji(emoji));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a")]
    [InlineData("ok")]
    [InlineData("7")]
    [InlineData("👍 👍")]
    [InlineData("ok👍")] // text with an emoji is still text
    [InlineData("👍a")]
    [InlineData("lol😂")]
    [InlineData("1️⃣2")]
    [InlineData(" 👍")]
    [InlineData("😀😀😀😀😀😀😀😀😀")] // 9 code points
    [InlineData("👍\n")]
    [InlineData("👍\u0000")]
    public void Emoji_RejectsWhatIsNotOneEmoji(string? emoji) =>
        Assert.Equal("invalid_emoji", Assert.Throws<HallwayException>(() => MessageRules.Emoji(emoji)).Code);

    [Theory]
    [InlineData(@"\uD83D")] // half an emoji
    [InlineData(@"\uDC4D")]
    [InlineData(@"\uDC4D\uD83D")]
    public void Emoji_RejectsLoneSurrogates(string escaped) =>
        Assert.Equal("invalid_emoji", Assert.Throws<HallwayException>(() => MessageRules.Emoji(Escaped.Text(escaped))).Code);

    [Theory]
    [InlineData(null, 100, 50)]
    [InlineData(1, 100, 1)]
    [InlineData(100, 100, 100)]
    public void PageSize_DefaultsTo50AndAcceptsOneToMax(int? limit, int max, int expected) =>
        Assert.Equal(expected, MessageRules.PageSize(limit, max));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void PageSize_RejectsOutOfRange(int limit) =>
        Assert.Equal("invalid_limit", Assert.Throws<HallwayException>(() => MessageRules.PageSize(limit, 100)).Code);
}
