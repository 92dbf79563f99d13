using Hallway.Core.Files;

namespace Hallway.Core.Tests.Files;

/// <summary>FileRules.Name: the name a download is offered under, whatever the browser sent.</summary>
public sealed class FileRulesTests
{
    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("a/b/c.txt", "c.txt")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\pupil\Desktop\essay.docx", "essay.docx")]
    [InlineData(@"mixed/slashes\name.pdf", "name.pdf")]
    [InlineData("folder/", "file")]
    [InlineData("  spaced.txt  ", "spaced.txt")]
    [InlineData("report.pdf...", "report.pdf")]
    [InlineData(". hidden.txt", "hidden.txt")]
    [InlineData(" . . x . . ", "x")]
    [InlineData("notes. ", "notes")]
    [InlineData("Доклад по истории.docx", "Доклад по истории.docx")]
    [InlineData("日本語のノート.txt", "日本語のノート.txt")]
    [InlineData("😀 party.png", "😀 party.png")]
    public void Name_KeepsTheLastPathSegment(string sent, string expected) =>
        Assert.Equal(expected, FileRules.Name(sent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("/")]
    [InlineData(@"\u0000\u0001\u001F")]
    [InlineData(@"\u202E\u200B\u2028")]
    public void Name_WithNothingLeft_IsFile(string? sent) =>
        Assert.Equal("file", FileRules.Name(sent is null ? null : Escaped.Text(sent)));

    [Theory]
    [InlineData(@"a\u0000b\tc\nd\r\u007F.txt", "abcd.txt")]
    [InlineData(@"bell\u0007.txt", "bell.txt")]
    [InlineData(@"escape\u001B[31mred.txt", "escape[31mred.txt")]
    [InlineData(@"invoice\u202Etxt.exe", "invoicetxt.exe")] // RIGHT-TO-LEFT OVERRIDE would show it as "invoiceexe.txt"
    [InlineData(@"a\u202Db\u2066c\u2069d\u200Fe.txt", "abcde.txt")] // other bidi controls
    [InlineData(@"zero\u200Bwidth\uFEFF.txt", "zerowidth.txt")]
    [InlineData(@"line\u2028para\u2029.txt", "linepara.txt")]
    [InlineData(@"soft\u00ADhyphen.txt", "softhyphen.txt")]
    public void Name_DropsControlAndFormatCharacters(string sent, string expected) =>
        Assert.Equal(expected, FileRules.Name(Escaped.Text(sent)));

    [Fact]
    public void Name_LoneSurrogates_NeverSurviveAlone()
    {
        var name = FileRules.Name(Escaped.Text(@"a\uD800b\uDC00c.txt"));

        Assert.DoesNotContain(name, char.IsSurrogate);
        Assert.StartsWith("a", name, StringComparison.Ordinal);
        Assert.EndsWith("c.txt", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_LongerThan200_IsCutTo200()
    {
        var name = FileRules.Name(new string('n', 300));

        Assert.Equal(FileRules.MaxNameLength, name.Length);
        Assert.Equal(200, FileRules.MaxNameLength);
    }

    [Fact]
    public void Name_CutNextToSpacesOrDots_EndsWithNeither()
    {
        var sent = new string('a', 197) + " . b.txt"; // the cut falls after "a… ."

        Assert.Equal(new string('a', 197), FileRules.Name(sent));
    }

    [Fact]
    public void Name_Of200_IsKeptWhole()
    {
        var sent = new string('k', 196) + ".txt";

        Assert.Equal(sent, FileRules.Name(sent));
    }

    [Fact]
    public void Name_CutThroughASurrogatePair_DropsTheWholeCharacter()
    {
        // 199 letters, then an emoji whose two UTF-16 units would straddle the 200th position.
        var sent = new string('a', 199) + "😀" + new string('b', 100);

        var name = FileRules.Name(sent);

        Assert.Equal(new string('a', 199), name);
        Assert.DoesNotContain(name, char.IsSurrogate);
    }

    [Fact]
    public void Name_SurrogatePairEndingExactlyAtTheCut_IsKept()
    {
        var sent = new string('a', 198) + "😀" + new string('b', 100);

        Assert.Equal(new string('a', 198) + "😀", FileRules.Name(sent));
    }

    [Fact]
    public void Name_LimitCountsWhatIsLeftAfterCleaning()
    {
        var sent = string.Concat(Enumerable.Repeat("x\u0001", 150)) + ".txt"; // 150 x's once controls go

        Assert.Equal(new string('x', 150) + ".txt", FileRules.Name(sent));
    }
}
