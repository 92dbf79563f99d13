using System.Text;
using Hallway.Core.Security;

namespace Hallway.Core.Tests.Security;

public sealed class Base32Tests
{
    // RFC 4648 §10 test vectors.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void EncodeAndDecode_MatchRfc4648Vectors(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(Encoding.ASCII.GetBytes(text), Base32.Decode(encoded));
    }

    [Fact]
    public void Decode_IgnoresCaseSpacesDashesAndMissingPadding() =>
        Assert.Equal(Encoding.ASCII.GetBytes("foobar"), Base32.Decode("mzxw-6ytb oi"));

    [Theory]
    [InlineData("MZXW1")] // 1 is not in the alphabet
    [InlineData("MZXW6YT8")]
    [InlineData("M")] // one symbol cannot hold a byte
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    [InlineData("MZXW6YTБ")]
    public void Decode_RefusesWhatNoBytesEncodeTo(string text) => Assert.Null(Base32.Decode(text));

    [Fact]
    public void Decode_OfNull_IsNull() => Assert.Null(Base32.Decode(null));
}
