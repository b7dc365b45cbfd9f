using Djoser.Tokens;

namespace Djoser.Runtime.Tests;

public sealed class DjoserUidTests
{
    [Theory]
    [InlineData("1", "MQ")]
    [InlineData("12", "MTI")]
    [InlineData("123", "MTIz")]
    [InlineData("0e5e2ef4-4f43-4a6f-9d0c-2b4b1a0f7c11", "MGU1ZTJlZjQtNGY0My00YTZmLTlkMGMtMmI0YjFhMGY3YzEx")]
    public void Encode_is_unpadded_urlsafe_base64_of_the_key_text(string id, string uid)
    {
        Assert.Equal(uid, DjoserUid.Encode(id));
        Assert.True(DjoserUid.TryDecode(uid, out var decoded));
        Assert.Equal(id, decoded);
    }

    [Fact]
    public void Encode_uses_the_urlsafe_alphabet()
    {
        // "??>" is 0x3F 0x3F 0x3E → "Pz8-" in the URL-safe alphabet ("Pz8+" in the standard one).
        Assert.Equal("Pz8-", DjoserUid.Encode("??>"));
        Assert.True(DjoserUid.TryDecode("Pz8-", out var id));
        Assert.Equal("??>", id);
    }

    [Theory]
    [InlineData("MQ==")]
    [InlineData("MQ=")]
    [InlineData("MR")] // unused low bits set: Python's decoder ignores them
    public void Decode_accepts_padding(string uid)
    {
        Assert.True(DjoserUid.TryDecode(uid, out var id));
        Assert.Equal("1", id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("MQ!")]
    [InlineData("M Q")]
    [InlineData("Pz8+")]
    [InlineData("=")]
    [InlineData("__4")] // 0xFF 0xFE: not UTF-8
    [InlineData("wA")] // 0xC0: truncated sequence
    [InlineData("bad")] // 0x6D 0xA7: not UTF-8
    [InlineData("MQ=Q")]
    public void Decode_rejects_bad_input(string uid)
    {
        Assert.False(DjoserUid.TryDecode(uid, out var id));
        Assert.Equal("", id);
    }

    [Fact]
    public void Decode_rejects_null()
    {
        Assert.False(DjoserUid.TryDecode(null, out _));
    }

    [Fact]
    public void Unicode_keys_round_trip()
    {
        var uid = DjoserUid.Encode("änn-✓");
        Assert.True(DjoserUid.TryDecode(uid, out var id));
        Assert.Equal("änn-✓", id);
    }
}
