using Hallway.Core.Accounts;

namespace Hallway.Core.Tests;

public sealed class GuestNamesTests
{
    [Theory]
    [InlineData("a")] // 1: the shortest
    [InlineData("alice")]
    [InlineData("Alice")]
    [InlineData("a.b-c_d~e")]
    [InlineData("!#$%()*+,/:;=?@[]^`{|}")] // async_chat took any word; only six characters are refused
    [InlineData("анна")]
    [InlineData("Σωκράτης")]
    [InlineData("日本語")]
    [InlineData("José")] // é composed (U+00E9)
    [InlineData("😀")]
    [InlineData("bob😀")]
    [InlineData("🇺🇦")] // regional indicators are symbols
    [InlineData("❤️")] // U+2764 U+FE0F: a variation selector is a mark, not a format character
    [InlineData("a23456789012345678901234567890ab")] // 32: the longest
    public void IsValid_AcceptsNamesOfOneTo32Characters(string name) =>
        Assert.True(GuestNames.IsValid(name));

    [Theory]
    [InlineData(@"\u0078\u0301")] // x + combining acute: no composed form exists, so it is NFC
    [InlineData(@"\uFFFD")] // the replacement character is an ordinary symbol
    public void IsValid_AcceptsNfcNamesWrittenWithEscapes(string escaped) =>
        Assert.True(GuestNames.IsValid(Escaped.Text(escaped)));

    [Theory]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void IsValid_CountsRunes_NotUtf16Units(int count, bool valid)
    {
        // 32 emoji are 64 UTF-16 units and still a valid name: the limit is in characters.
        var name = string.Concat(Enumerable.Repeat("😀", count));

        Assert.Equal(valid, GuestNames.IsValid(name));
    }

    [Fact]
    public void IsValid_RefusesOneCharacterOverTheLimit() =>
        Assert.False(GuestNames.IsValid(new string('a', GuestNames.MaxLength + 1)));

    [Theory]
    [InlineData("")]
    [InlineData("a23456789012345678901234567890abc")] // 33: too long
    [InlineData("has space")]
    [InlineData(" bob")]
    [InlineData("bob ")]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData("&")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("a<b")]
    [InlineData("bob>")]
    [InlineData("R&D")]
    [InlineData("say\"hi\"")]
    [InlineData("it's")]
    [InlineData("back\\slash")]
    public void IsValid_RefusesEmptyLongSpacedAndHtmlOrReprSpecialNames(string name) =>
        Assert.False(GuestNames.IsValid(name));

    [Theory]
    [InlineData(@"tab\tname")]
    [InlineData(@"line\nbreak")]
    [InlineData(@"cr\r")]
    [InlineData(@"\u0000")]
    [InlineData(@"bell\u0007")]
    [InlineData(@"del\u007F")]
    [InlineData(@"nel\u0085")] // a C1 control
    [InlineData(@"nb\u00A0sp")] // no-break space
    [InlineData(@"ideographic\u3000space")]
    [InlineData(@"line\u2028separator")]
    [InlineData(@"zero\u200Bwidth")] // format characters make look-alike names
    [InlineData(@"\uD800")] // a lone surrogate is not text
    [InlineData(@"a\uDC00b")]
    [InlineData(@"\u200D")]
    [InlineData(@"soft\u00ADhyphen")]
    [InlineData(@"\uFEFFbom")]
    [InlineData(@"evil\u202Egnp.exe")] // right-to-left override
    [InlineData(@"\u2066isolate\u2069")]
    // The family emoji is joined with U+200D (a format character), so it is refused too.
    [InlineData(@"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")]
    [InlineData(@"private\uE000")]
    [InlineData(@"\u0378")] // unassigned
    public void IsValid_RefusesControlFormatSpaceAndUnassignedCharacters(string escaped) =>
        Assert.False(GuestNames.IsValid(Escaped.Text(escaped)));

    [Theory]
    [InlineData(@"Jose\u0301")] // é as e + combining acute
    [InlineData(@"\u0041\u030A")] // Å as A + combining ring
    [InlineData(@"\u212B")] // ANGSTROM SIGN: NFC turns it into U+00C5
    [InlineData(@"\u2126")] // OHM SIGN: NFC turns it into Greek omega U+03A9
    [InlineData(@"\u1100\u1161")] // 가 as two jamo
    public void IsValid_RefusesNamesThatAreNotNfc_RatherThanNormalisingThem(string escaped) =>
        Assert.False(GuestNames.IsValid(Escaped.Text(escaped)));

    [Fact]
    public void IsValid_ComposedAndDecomposedForms_AreNotTheSameName()
    {
        // Nothing normalises: only the composed form is a valid name, so two guests can never be
        // "José" in two encodings. Their keys differ as well, as Key takes the name as it is.
        var composed = Escaped.Text(@"Jos\u00E9");
        var decomposed = Escaped.Text(@"Jose\u0301");

        Assert.True(GuestNames.IsValid(composed));
        Assert.False(GuestNames.IsValid(decomposed));
        Assert.Equal(composed, decomposed.Normalize());
        Assert.NotEqual(GuestNames.Key(composed), GuestNames.Key(decomposed));
    }

    [Theory]
    [InlineData("alice", "~alice")]
    [InlineData("Alice", "~Alice")] // case-sensitive, unlike account keys
    [InlineData("анна", "~анна")]
    [InlineData("😀", "~😀")]
    [InlineData("~x", "~~x")]
    public void Key_IsTildeAndTheName(string name, string key) =>
        Assert.Equal(key, GuestNames.Key(name));

    [Theory]
    [InlineData("alice")]
    [InlineData("Bob.Smith_2")]
    public void Key_NeverEqualsAnAccountKey(string name) =>
        Assert.NotEqual(UsernameRules.Key(name), GuestNames.Key(name));
}
