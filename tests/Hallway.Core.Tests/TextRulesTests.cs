using Hallway.Core.Common;

namespace Hallway.Core.Tests;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("Привет, мир")]
    [InlineData("emoji 😀 and a family 👨‍👩‍👧‍👦")]
    [InlineData("\U0001F600")] // a valid surrogate pair
    [InlineData("right-to-left עברית")]
    public void IsClean_AcceptsWellFormedText(string text)
    {
        Assert.True(TextRules.IsClean(text, allowNewlines: false));
        Assert.True(TextRules.IsClean(text, allowNewlines: true));
    }

    [Theory]
    [InlineData(@"\uD83D")] // lone high surrogate at the end
    [InlineData(@"a\uD83Db")] // high surrogate followed by a letter
    [InlineData(@"\uDE00")] // lone low surrogate
    [InlineData(@"a\uDE00\uD83D")] // reversed pair
    [InlineData(@"\uD83D\uD83D\uDE00")] // two highs, then one low
    public void IsClean_RejectsLoneSurrogates(string escaped)
    {
        var text = Escaped.Text(escaped);
        Assert.False(TextRules.IsClean(text, allowNewlines: false));
        Assert.False(TextRules.IsClean(text, allowNewlines: true));
    }

    [Theory]
    [InlineData(@"\u0000")]
    [InlineData(@"a\u0001b")]
    [InlineData(@"bell\u0007")]
    [InlineData(@"escape \u001B[31m red")]
    [InlineData(@"\u001F")]
    [InlineData(@"delete\u007F")]
    [InlineData(@"next line\u0085")] // C1 controls are control characters too
    [InlineData(@"\u009B31m")] // C1 CSI: a terminal escape on its own
    public void IsClean_RejectsControlCharacters(string escaped)
    {
        var text = Escaped.Text(escaped);
        Assert.False(TextRules.IsClean(text, allowNewlines: false));
        Assert.False(TextRules.IsClean(text, allowNewlines: true));
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("windows\r\nnewline")]
    [InlineData("a\ttab")]
    public void IsClean_AllowsTabAndNewlines_OnlyWhenAsked(string text)
    {
        Assert.True(TextRules.IsClean(text, allowNewlines: true));
        Assert.False(TextRules.IsClean(text, allowNewlines: false));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("😀", 1)]
    [InlineData("a😀b", 3)]
    [InlineData("😀😀😀", 3)]
    [InlineData("👍🏽", 2)] // thumbs up + skin tone modifier
    [InlineData("👨‍👩‍👧‍👦", 7)] // four people joined by three zero-width joiners
    [InlineData("é", 1)] // precomposed
    [InlineData("e\u0301", 2)] // e + combining acute
    [InlineData("日本語", 3)]
    public void CodePoints_CountsUnicodeScalarsNotUtf16Units(string text, int expected) =>
        Assert.Equal(expected, TextRules.CodePoints(text));

    [Fact]
    public void RequireLine_TrimsAndReturnsTheValue() =>
        Assert.Equal("Book club", TextRules.RequireLine("  Book club \t", "title", 1, 100));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abcdef")]
    public void RequireLine_RejectsLengthsOutsideTheRange(string? value)
    {
        var error = Assert.Throws<HallwayException>(() => TextRules.RequireLine(value, "title", 1, 5));
        Assert.Equal("invalid_title", error.Code);
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
    }

    [Fact]
    public void RequireLine_CountsEmojiOnce()
    {
        Assert.Equal("😀😀😀😀😀", TextRules.RequireLine("😀😀😀😀😀", "title", 1, 5));
        Assert.Throws<HallwayException>(() => TextRules.RequireLine("😀😀😀😀😀😀", "title", 1, 5));
    }

    [Theory]
    [InlineData(@"two\nlines")]
    [InlineData(@"tab\tinside")]
    [InlineData(@"lone \uD83D surrogate")]
    public void RequireLine_RejectsNewlinesAndBrokenText(string escaped)
    {
        var error = Assert.Throws<HallwayException>(() => TextRules.RequireLine(Escaped.Text(escaped), "display_name", 1, 100));
        Assert.Equal("invalid_display_name", error.Code);
    }

    [Fact]
    public void OptionalText_AllowsEmptyAndNewlines()
    {
        Assert.Equal(string.Empty, TextRules.OptionalText(null, "about", 10));
        Assert.Equal(string.Empty, TextRules.OptionalText("  ", "about", 10));
        Assert.Equal("a\nb", TextRules.OptionalText(" a\nb ", "about", 10));
    }

    [Fact]
    public void OptionalText_RejectsTooLongAndControlCharacters()
    {
        Assert.Equal("invalid_about", Assert.Throws<HallwayException>(() => TextRules.OptionalText("12345678901", "about", 10)).Code);
        Assert.Equal("invalid_about", Assert.Throws<HallwayException>(() => TextRules.OptionalText("a\u0000b", "about", 10)).Code);
    }
}
