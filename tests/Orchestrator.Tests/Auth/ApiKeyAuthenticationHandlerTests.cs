using Microsoft.AspNetCore.Http;

namespace Orchestrator.Auth.Tests;

public sealed class ApiKeyAuthenticationHandlerTests
{
    [Theory]
    [InlineData("Authorization", "Bearer rok_abc", "rok_abc")]
    [InlineData("Authorization", "bearer   rok_abc  ", "rok_abc")]
    [InlineData("X-Api-Key", " rok_abc ", "rok_abc")]
    [InlineData("Authorization", "Basic dXNlcjpwYXNz", null)]
    [InlineData("Authorization", "Bearer ", null)]
    [InlineData("X-Api-Key", "", null)]
    public void ReadKey_Header_ReturnsThePresentedKey(string header, string value, string? expected)
    {
        var headers = new HeaderDictionary { [header] = value };

        Assert.Equal(expected, ApiKeyAuthenticationHandler.ReadKey(headers));
    }
}
