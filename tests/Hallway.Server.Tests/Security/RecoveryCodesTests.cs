using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>Recovery codes: made with the password, shown once, single use, and a way back in without the password.</summary>
public sealed class RecoveryCodesTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // A low lockout threshold, so wrong recovery codes can be seen to lock the name.
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hallway:SignIn:FailuresPerAccount"] = "3",
        ["Hallway:SignIn:Lockout"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<string[]> CodesAsync(TestUser user)
    {
        var made = await user.Api.PostAsync("/api/account/recovery-codes", new { password = user.Password });
        made.AssertStatus(HttpStatusCode.OK);
        return [.. made["recoveryCodes"].Items().Select(c => c.GetString()!)];
    }

    private async Task<ApiResponse> RecoverAsync(string username, string code, string newPassword = "a brand new password")
    {
        using var anonymous = _server.Anonymous();
        return await anonymous.PostAsync("/api/auth/recover", new { username, code, newPassword });
    }

    private static async Task<(bool TwoFactorEnabled, int Left)> SecurityAsync(TestUser user)
    {
        var security = await user.Api.GetAsync("/api/account/security");
        security.AssertStatus(HttpStatusCode.OK);
        return (security.Json.GetProperty("twoFactorEnabled").GetBoolean(), security.Json.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task TenCodes_AreMade_Counted_AndReplacedWhole()
    {
        var anna = await _server.RegisterAsync();
        Assert.Equal((false, 0), await SecurityAsync(anna));

        var codes = await CodesAsync(anna);
        Assert.Equal(10, codes.Length);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", c));
        Assert.Equal((false, 10), await SecurityAsync(anna));

        var fresh = await CodesAsync(anna);
        Assert.Empty(fresh.Intersect(codes));
        (await RecoverAsync(anna.Username, codes[0])).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await RecoverAsync(anna.Username, fresh[0])).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(9, (await SecurityAsync(await SignedInAsync(anna.Username, "a brand new password"))).Left);
    }

    private async Task<TestUser> SignedInAsync(string username, string password)
    {
        var login = await _server.LoginAsync(username, password);
        login.AssertStatus(HttpStatusCode.OK);
        var token = login.Json.Str("token");
        return new TestUser(login["user"].Long("id"), username, password, token, _server.Client(token));
    }

    [Theory]
    [InlineData("""{"password":"not the password"}""", HttpStatusCode.Forbidden, "wrong_password")]
    [InlineData("""{"password":""}""", HttpStatusCode.Forbidden, "wrong_password")]
    [InlineData("""{"password":5}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"password":""", HttpStatusCode.BadRequest, "bad_json")]
    public async Task MakingCodes_NeedsThePassword_AndARefusalKeepsTheOldCodes(string json, HttpStatusCode status, string code)
    {
        var boris = await _server.RegisterAsync();
        var codes = await CodesAsync(boris);

        (await boris.Api.SendRawAsync(HttpMethod.Post, "/api/account/recovery-codes", json)).AssertProblem(status, code);

        Assert.Equal((false, 10), await SecurityAsync(boris));
        (await RecoverAsync(boris.Username, codes[3])).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Recover_SetsThePassword_SignsOutEverySession_AndSignsIn()
    {
        var carol = await _server.RegisterAsync();
        var codes = await CodesAsync(carol);

        // As people type them: lower case, spaces for dashes.
        var recovered = await RecoverAsync(carol.Username.ToUpperInvariant(), codes[1].ToLowerInvariant().Replace('-', ' '));

        recovered.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(carol.Id, recovered["user"].Long("id"));
        Assert.Contains(recovered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hallway_session=", StringComparison.Ordinal));
        (await carol.Api.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        using var signedIn = _server.Client(recovered.Json.Str("token"));
        (await signedIn.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        (await _server.LoginAsync(carol.Username, carol.Password)).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        (await _server.LoginAsync(carol.Username, "a brand new password")).AssertStatus(HttpStatusCode.OK);

        // Single use.
        (await RecoverAsync(carol.Username, codes[1], "yet another password")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
    }

    [Fact]
    public async Task Recover_WrongCodes_CountTowardTheLockout_LikeWrongPasswords()
    {
        var dan = await _server.RegisterAsync();
        var codes = await CodesAsync(dan);
        using var client = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.6"));

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync("/api/auth/recover", new { username = dan.Username, code = "AAAA-BBBB-CCCC-DDDD", newPassword = "a brand new password" }))
                .AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        }

        (await client.PostAsync("/api/auth/recover", new { username = dan.Username, code = codes[0], newPassword = "a brand new password" }))
            .AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        (await _server.LoginAsync(dan.Username, dan.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        Assert.Equal((false, 10), await SecurityAsync(dan)); // the locked-out code was not spent
    }

    [Fact]
    public async Task Recover_MixedWrongPasswordsAndCodes_ShareOneCount()
    {
        var erin = await _server.RegisterAsync();
        (await _server.LoginAsync(erin.Username, "wrong one")).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        (await RecoverAsync(erin.Username, "AAAA-BBBB-CCCC-DDDD")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await _server.LoginAsync(erin.Username, "wrong two")).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        (await _server.LoginAsync(erin.Username, erin.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
    }

    [Fact]
    public async Task Recover_UnknownNameOrNoCodes_IsTheSameBadCode()
    {
        var fay = await _server.RegisterAsync(); // has made no codes
        var gil = await _server.RegisterAsync();
        (await RecoverAsync(TestData.Username("ghost"), "AAAA-BBBB-CCCC-DDDD")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await RecoverAsync(fay.Username, "AAAA-BBBB-CCCC-DDDD")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await RecoverAsync(fay.Username, "")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await RecoverAsync(gil.Username, new string('A', 100_000))).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await RecoverAsync(new string('a', 100_000), "AAAA-BBBB-CCCC-DDDD")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");

        // Two failures each, under the lock threshold of three: both still sign in, and nothing changed.
        (await _server.LoginAsync(fay.Username, fay.Password)).AssertStatus(HttpStatusCode.OK);
        (await _server.LoginAsync(gil.Username, gil.Password)).AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("bell\u0007ring password")]
    public async Task Recover_BadNewPassword_IsRefusedFirst_AndSpendsNothing(string newPassword)
    {
        var gus = await _server.RegisterAsync();
        var codes = await CodesAsync(gus);
        for (var i = 0; i < 4; i++)
        {
            (await RecoverAsync(gus.Username, codes[0], newPassword)).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
        }

        Assert.Equal((false, 10), await SecurityAsync(gus));
        (await gus.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        (await RecoverAsync(gus.Username, codes[0])).AssertStatus(HttpStatusCode.OK); // not locked: nothing was counted
    }

    [Theory]
    [InlineData("""{"username":"x","code":"y"}""", "bad_request")]
    [InlineData("""{"username":"x","code":5,"newPassword":"long enough"}""", "bad_request")]
    [InlineData("""{"username":null,"code":"y","newPassword":"long enough"}""", "bad_request")]
    [InlineData("""{"username":"x","code":"y","newPassword":""", "bad_json")]
    public async Task Recover_MalformedBodies_AreBadRequests(string json, string code)
    {
        using var anonymous = _server.Anonymous();
        (await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/recover", json)).AssertProblem(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Security_And_Codes_NeedASession()
    {
        using var anonymous = _server.Anonymous();
        (await anonymous.GetAsync("/api/account/security")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PostAsync("/api/account/recovery-codes", new { password = "whatever it is" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
