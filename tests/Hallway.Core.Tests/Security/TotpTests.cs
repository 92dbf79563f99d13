using System.Text;
using Hallway.Core.Security;

namespace Hallway.Core.Tests.Security;

public sealed class TotpTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 4226 appendix D: HOTP values for counters 0 to 9.
    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Hotp_MatchesRfc4226Vectors(long counter, string expected) =>
        Assert.Equal(expected, Totp.Hotp(RfcSecret, counter));

    // RFC 6238 appendix B: eight-digit TOTP values; each algorithm has its own seed length.
    [Theory]
    [InlineData(59L, "94287082", "SHA1")]
    [InlineData(1111111109L, "07081804", "SHA1")]
    [InlineData(1111111111L, "14050471", "SHA1")]
    [InlineData(1234567890L, "89005924", "SHA1")]
    [InlineData(2000000000L, "69279037", "SHA1")]
    [InlineData(20000000000L, "65353130", "SHA1")]
    [InlineData(59L, "46119246", "SHA256")]
    [InlineData(1111111109L, "68084774", "SHA256")]
    [InlineData(1111111111L, "67062674", "SHA256")]
    [InlineData(1234567890L, "91819424", "SHA256")]
    [InlineData(2000000000L, "90698825", "SHA256")]
    [InlineData(20000000000L, "77737706", "SHA256")]
    [InlineData(59L, "90693936", "SHA512")]
    [InlineData(1111111109L, "25091201", "SHA512")]
    [InlineData(1111111111L, "99943326", "SHA512")]
    [InlineData(1234567890L, "93441116", "SHA512")]
    [InlineData(2000000000L, "38618901", "SHA512")]
    [InlineData(20000000000L, "47863826", "SHA512")]
    public void Code_MatchesRfc6238Vectors(long unixSeconds, string expected, string algorithm)
    {
        var seed = algorithm switch
        {
            "SHA1" => "12345678901234567890",
            "SHA256" => "12345678901234567890123456789012",
            _ => "1234567890123456789012345678901234567890123456789012345678901234",
        };
        Assert.Equal(expected, Totp.Code(Encoding.ASCII.GetBytes(seed), DateTimeOffset.FromUnixTimeSeconds(unixSeconds), 8, algorithm));
    }

    [Fact]
    public void Verify_AcceptsTheCurrentStepAndOneEitherSide_AndNothingFurther()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step), now, 0));
        Assert.Equal(step - 1, Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step - 1), now, 0));
        Assert.Equal(step + 1, Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step + 1), now, 0));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step - 2), now, 0));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step + 2), now, 0));
    }

    [Fact]
    public void Verify_ACodeWorksOnce_AndNoEarlierStepAfterIt()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        var code = Totp.Hotp(RfcSecret, step);
        Assert.Null(Totp.Verify(RfcSecret, code, now, lastUsedStep: step));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step - 1), now, lastUsedStep: step));
        Assert.Equal(step + 1, Totp.Verify(RfcSecret, Totp.Hotp(RfcSecret, step + 1), now, lastUsedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")] // full-width digits are not ASCII digits
    [InlineData("-12345")]
    public void Verify_RejectsMalformedCodes(string? code) =>
        Assert.Null(Totp.Verify(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(59), 0));

    [Fact]
    public void Verify_IgnoresSpacesPeopleType()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var code = Totp.Code(RfcSecret, now);
        Assert.NotNull(Totp.Verify(RfcSecret, code[..3] + " " + code[3..], now, 0));
    }

    [Fact]
    public void ProvisioningUri_FollowsTheKeyUriFormat()
    {
        var uri = Totp.ProvisioningUri("Hallway School", "anna.k", RfcSecret);
        Assert.Equal("otpauth://totp/Hallway%20School:anna.k?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Hallway%20School&algorithm=SHA1&digits=6&period=30", uri);
    }

    [Fact]
    public void NewSecret_Is160RandomBits() =>
        Assert.NotEqual(Totp.NewSecret(), Totp.NewSecret());
}
