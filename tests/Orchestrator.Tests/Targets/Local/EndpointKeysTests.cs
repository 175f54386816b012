namespace Orchestrator.Targets.Local.Tests;

public sealed class EndpointKeysTests
{
    private readonly EndpointKeys _keys = EndpointKeys.Generate();

    [Fact]
    public void Authorizes_EitherKeyAsBearer_IsTrue()
    {
        Assert.True(_keys.Authorizes($"Bearer {_keys.PrimaryKey}"));
        Assert.True(_keys.Authorizes($"bearer {_keys.SecondaryKey}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public void Authorizes_MissingOrWrongKey_IsFalse(string? header) => Assert.False(_keys.Authorizes(header));

    [Fact]
    public void Authorizes_KeyWithoutScheme_IsFalse() => Assert.False(_keys.Authorizes(_keys.PrimaryKey));

    [Fact]
    public void Regenerate_Secondary_ReplacesOnlyTheSecondary()
    {
        var regenerated = _keys.Regenerate(EndpointKeyKind.Secondary);

        Assert.Equal(_keys.PrimaryKey, regenerated.PrimaryKey);
        Assert.NotEqual(_keys.SecondaryKey, regenerated.SecondaryKey);
        Assert.False(regenerated.Authorizes($"Bearer {_keys.SecondaryKey}"));
    }

    [Fact]
    public void Generate_Twice_GivesDistinctUrlSafeKeys()
    {
        var other = EndpointKeys.Generate();

        Assert.NotEqual(_keys.PrimaryKey, other.PrimaryKey);
        Assert.NotEqual(_keys.PrimaryKey, _keys.SecondaryKey);
        Assert.Matches("^[A-Za-z0-9]{43}$", _keys.PrimaryKey);
    }

    [Fact]
    public void ToString_NeverShowsTheKeys()
    {
        Assert.DoesNotContain(_keys.PrimaryKey, _keys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_keys.SecondaryKey, _keys.ToString(), StringComparison.Ordinal);
    }
}
