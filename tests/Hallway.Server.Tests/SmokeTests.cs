using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests;

public sealed class SmokeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Healthz_AnswersOk()
    {
        var response = await Server.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ok", response["status"].GetString());
    }
}
