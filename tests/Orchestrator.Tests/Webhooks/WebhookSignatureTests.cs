using System.Text;

namespace Orchestrator.Webhooks.Tests;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Format_KnownVector_MatchesOpenSsl()
    {
        // printf '%s.' 1700000000 > f; printf 'a: 1\n' >> f; openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef f
        var signature = WebhookSignature.Format("0123456789abcdef0123456789abcdef", "1700000000", "a: 1\n"u8);

        Assert.Equal("sha256=4f6b4155d496adad0fea6e1ca3cfbf5982f05788c386e87ecfb053cc534d8668", signature);
    }

    [Fact]
    public void Verify_ChangedTimestamp_Fails()
    {
        var body = Encoding.UTF8.GetBytes("a: 1\n");
        var mac = WebhookSignature.Compute("0123456789abcdef0123456789abcdef", "1700000000", body);

        Assert.True(WebhookSignature.Verify("0123456789abcdef0123456789abcdef", "1700000000", body, mac));
        Assert.False(WebhookSignature.Verify("0123456789abcdef0123456789abcdef", "1700000001", body, mac));
        Assert.False(WebhookSignature.Verify("0123456789abcdef0123456789abcdef", "1700000000", body, mac.AsSpan(0, 16)));
    }
}
