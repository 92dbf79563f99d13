using System.Text.RegularExpressions;
using Hallway.Core.Common;
using Hallway.Core.Files;

namespace Hallway.Core.Tests.Files;

/// <summary>Stickers.Parse: "builtin:NAME" from the built-in set, or "file:ID" with a positive id.</summary>
public sealed partial class StickersTests
{
    public static TheoryData<string> BuiltInNames => [.. Stickers.BuiltIn];

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void Parse_EveryBuiltInName(string name) =>
        Assert.Equal((name, (long?)null), Stickers.Parse("builtin:" + name));

    [Theory]
    [InlineData("file:1", 1)]
    [InlineData("file:42", 42)]
    [InlineData("file:9223372036854775807", long.MaxValue)]
    public void Parse_FileIds(string value, long id) =>
        Assert.Equal(((string?)null, (long?)id), Stickers.Parse(value));

    [Theory]
    [InlineData("")]
    [InlineData("wave")]
    [InlineData("builtin:")]
    [InlineData("builtin:nope")]
    [InlineData("builtin:Wave")]
    [InlineData("BUILTIN:wave")]
    [InlineData("builtin: wave")]
    [InlineData("builtin:wave ")]
    [InlineData("builtin:wave.svg")]
    [InlineData("builtin:../wave")]
    [InlineData("file:")]
    [InlineData("file:abc")]
    [InlineData("file:0")]
    [InlineData("file:-1")]
    [InlineData("file:+1")]
    [InlineData("file: 1")]
    [InlineData("file:1 ")]
    [InlineData("file:1.5")]
    [InlineData("file:1e3")]
    [InlineData("file:0x10")]
    [InlineData("file:007")] // one spelling per file, so equal stickers compare equal
    [InlineData("file:9223372036854775808")]
    [InlineData("file:１２")] // full-width digits
    [InlineData("FILE:1")]
    [InlineData("sticker:1")]
    public void Parse_AnythingElse_IsInvalidSticker(string value)
    {
        var error = Assert.Throws<HallwayException>(() => Stickers.Parse(value));

        Assert.Equal("invalid_sticker", error.Code);
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
    }

    [Fact]
    public void BuiltInNames_AreDistinctUrlSafeSlugs()
    {
        Assert.Equal(Stickers.BuiltIn.Count, Stickers.BuiltIn.Distinct().Count());
        Assert.All(Stickers.BuiltIn, name => Assert.Matches(Slug(), name));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
