using System.Text.RegularExpressions;
using Hallway.Core.Common;
using Hallway.Core.Messages;

namespace Hallway.Core.Tests;

public sealed partial class SearchQueryTests
{
    [Theory]
    [InlineData("hello", "\"hello\"*")]
    [InlineData("  hello   world ", "\"hello\"* \"world\"*")]
    [InlineData("Привет мир", "\"Привет\"* \"мир\"*")]
    [InlineData("42", "\"42\"*")]
    public void SearchQuery_MakesEveryWordAQuotedPrefixTerm(string input, string expected) =>
        Assert.Equal(expected, MessageRules.SearchQuery(input));

    [Theory]
    [InlineData("AND", "\"AND\"*")]
    [InlineData("cats OR dogs", "\"cats\"* \"OR\"* \"dogs\"*")]
    [InlineData("NOT this", "\"NOT\"* \"this\"*")]
    [InlineData("\"quoted phrase\"", "\"quoted\"* \"phrase\"*")]
    [InlineData("star* ^caret", "\"star\"* \"caret\"*")]
    [InlineData("(group) {braces}", "\"group\"* \"braces\"*")]
    [InlineData("hello!", "\"hello\"*")]
    public void SearchQuery_TurnsOperatorsAndQuotesIntoPlainTerms(string input, string expected) =>
        Assert.Equal(expected, MessageRules.SearchQuery(input));

    [Theory]
    [InlineData("e-mail")]
    [InlineData("don't")]
    [InlineData("node.js")]
    [InlineData("NEAR(a b)")]
    [InlineData("a\"b\"c")]
    [InlineData("x AND\"y\" OR-z")]
    [InlineData("a_b* c^d")]
    [InlineData("😀 smile")]
    public void SearchQuery_OutputIsOnlyQuotedPrefixTerms(string input)
    {
        var query = MessageRules.SearchQuery(input);
        Assert.Matches(SafeQuery(), query);
    }

    [Theory]
    [InlineData("e-mail", "email")]
    [InlineData("don't", "dont")]
    [InlineData("node.js", "nodejs")]
    [InlineData("NEAR(a b)", "NEARa")]
    [InlineData("well,then", "wellthen")]
    [InlineData("col:value", "colvalue")]
    public void SearchQuery_DoesNotGlueWordsTogetherAcrossPunctuation(string input, string glued)
    {
        // The FTS5 unicode61 tokenizer indexes "e-mail" as the tokens "e" and "mail"; a query term
        // that glues them into "email" can never find the message.
        var query = MessageRules.SearchQuery(input);
        Assert.DoesNotContain(glued, query, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchQuery_KeepsAtMost16Terms()
    {
        var input = string.Join(' ', Enumerable.Range(1, 30).Select(i => "w" + i));
        var terms = MessageRules.SearchQuery(input).Split(' ');
        Assert.Equal(16, terms.Length);
        Assert.Equal("\"w1\"*", terms[0]);
        Assert.Equal("\"w16\"*", terms[^1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("!!! ??? ***")]
    [InlineData("\"\"")]
    [InlineData("-")]
    public void SearchQuery_RejectsQueriesWithoutWords(string? input) =>
        Assert.Equal("invalid_query", Assert.Throws<HallwayException>(() => MessageRules.SearchQuery(input)).Code);

    [Fact]
    public void SearchQuery_RejectsOver200Characters()
    {
        Assert.NotNull(MessageRules.SearchQuery(new string('a', 200)));
        Assert.Equal("invalid_query", Assert.Throws<HallwayException>(() => MessageRules.SearchQuery(new string('a', 201))).Code);
    }

    [Theory]
    [InlineData(@"line\nbreak")]
    [InlineData(@"nul\u0000")]
    [InlineData(@"half \uD83D")]
    public void SearchQuery_RejectsControlCharactersAndBrokenText(string escaped) =>
        Assert.Equal("invalid_query", Assert.Throws<HallwayException>(() => MessageRules.SearchQuery(Escaped.Text(escaped))).Code);

    // One or more "term"* separated by single spaces, with no quote inside a term.
    [GeneratedRegex("^\"[^\"\\s]+\"\\*( \"[^\"\\s]+\"\\*)*$")]
    private static partial Regex SafeQuery();
}
