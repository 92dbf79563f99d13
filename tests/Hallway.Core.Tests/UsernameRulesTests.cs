using Hallway.Core.Accounts;
using Hallway.Core.Common;

namespace Hallway.Core.Tests;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("bob")] // 3: the shortest
    [InlineData("alice")]
    [InlineData("Alice.Smith_2-b")]
    [InlineData("a23456789012345678901234567890ab")] // 32: the longest
    [InlineData("...")]
    [InlineData("007")]
    public void Validate_AcceptsNamesOfThreeTo32AllowedCharacters(string name) =>
        Assert.Equal(name, UsernameRules.Validate(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")] // 2: too short
    [InlineData("a23456789012345678901234567890abc")] // 33: too long
    [InlineData("has space")]
    [InlineData(" bob")]
    [InlineData("bob@home")]
    [InlineData("анна")] // letters, but not ASCII
    [InlineData("josé")]
    [InlineData("bob😀")]
    [InlineData("tab\tname")]
    public void Validate_RejectsOtherNames(string? name)
    {
        var error = Assert.Throws<HallwayException>(() => UsernameRules.Validate(name));
        Assert.Equal("invalid_username", error.Code);
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
    }

    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("ALICE", "alice")]
    [InlineData("alice", "alice")]
    [InlineData("Bob.Smith_2", "bob.smith_2")]
    public void Key_IgnoresCase(string name, string key) =>
        Assert.Equal(key, UsernameRules.Key(name));

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(256)]
    public void ValidatePassword_AcceptsEightTo256Characters(int length) =>
        UsernameRules.ValidatePassword(new string('p', length));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(257)]
    public void ValidatePassword_RejectsLengthsOutsideTheBounds(int length) =>
        Assert.Equal("invalid_password", Assert.Throws<HallwayException>(() => UsernameRules.ValidatePassword(new string('p', length))).Code);

    [Fact]
    public void ValidatePassword_RejectsNull() =>
        Assert.Equal("invalid_password", Assert.Throws<HallwayException>(() => UsernameRules.ValidatePassword(null)).Code);

    [Theory]
    [InlineData(@"pass\nword123")]
    [InlineData(@"password\u0000")]
    [InlineData(@"password\uD800")]
    public void ValidatePassword_RejectsControlCharactersAndLoneSurrogates(string escaped) =>
        Assert.Equal("invalid_password", Assert.Throws<HallwayException>(() => UsernameRules.ValidatePassword(Escaped.Text(escaped))).Code);

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("пароль-пароль")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑")]
    public void ValidatePassword_AcceptsSpacesAndAnyScript(string password) =>
        UsernameRules.ValidatePassword(password);
}
