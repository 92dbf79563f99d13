using Hallway.Core.Security;

namespace Hallway.Core.Tests.Security;

public sealed class SecretCodesTests
{
    [Fact]
    public void NewCodes_AreGroupsOfFourFromTheBase32Alphabet()
    {
        Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", SecretCodes.NewInviteCode());
        Assert.Matches("^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$", SecretCodes.NewRecoveryCode());
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => SecretCodes.NewRecoveryCode()).Distinct().Count());
    }

    [Theory]
    [InlineData("abcd-efgh-ijkl")]
    [InlineData("ABCDEFGHIJKL")]
    [InlineData(" abcd efgh ijkl ")]
    [InlineData("AbCd--EfGh-IjKl")]
    public void InviteCodes_AreMatchedIgnoringCaseSpacesAndDashes(string typed) =>
        Assert.Equal(SecretCodes.InviteHash("ABCD-EFGH-IJKL"), SecretCodes.InviteHash(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-IJK")]
    [InlineData("ABCD-EFGH-IJKLM")]
    [InlineData("ABCD-EFGH-IJK1")]
    [InlineData("ABCD-EFGH-IJKÄ")]
    public void NotAnInviteCode_HasNoHash(string? typed) => Assert.Null(SecretCodes.InviteHash(typed));

    [Fact]
    public void OverlongInput_IsNotLookedAt() => Assert.Null(SecretCodes.InviteHash(new string(' ', 100) + "ABCDEFGHIJKL"));

    [Fact]
    public void RecoveryHashes_DifferPerUser_AndFromInviteHashes()
    {
        var code = SecretCodes.NewRecoveryCode();
        Assert.NotEqual(SecretCodes.RecoveryHash(1, code), SecretCodes.RecoveryHash(2, code));
        Assert.Equal(SecretCodes.RecoveryHash(1, code), SecretCodes.RecoveryHash(1, code.ToLowerInvariant().Replace('-', ' ')));
        Assert.Null(SecretCodes.RecoveryHash(1, "123456"));
        Assert.True(SecretCodes.LooksLikeRecoveryCode(code));
        Assert.False(SecretCodes.LooksLikeRecoveryCode("123456"));
    }
}
