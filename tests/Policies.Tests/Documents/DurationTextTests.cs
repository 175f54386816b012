namespace Policies.Documents.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2s500ms", 2_500)]
    [InlineData("0s", 0)]
    [InlineData("90s", 90_000)]
    public void TryParse_WrittenDuration_ReadsIt(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value), text);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1.5h")]
    [InlineData("10 m")]
    [InlineData(" 10m")]
    [InlineData("10M")]
    [InlineData("1d")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5s")]
    [InlineData("PT5S")]
    [InlineData("00:05:00")]
    [InlineData("9999999999h")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRefused(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _), text);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(30_000, "30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_061_001, "25h1m1s1ms")]
    public void Format_Duration_WritesTheGrammarBack(long milliseconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}
