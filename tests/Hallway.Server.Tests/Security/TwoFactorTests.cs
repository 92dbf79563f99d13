using System.Net;
using System.Xml.Linq;
using Hallway.Core.Security;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>
/// TOTP two-factor sign-in: set-up, enabling, the two-step sign-in with its challenge, codes used
/// once, recovery codes in its place, the lockout, and turning it off. Codes are computed here
/// from the secret with Core's Totp, on the server's own (movable) clock.
/// </summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hallway:SignIn:FailuresPerAccount"] = "4",
        ["Hallway:SignIn:Lockout"] = "00:10:00",
    }, clock: _clock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Code(byte[] secret) => SecurityTestHelpers.Code(secret, _clock);

    /// <summary>Moves the clock to the next time step, so the next code is one not used yet.</summary>
    private void NextStep() => _clock.Advance(Totp.Step);

    [Fact]
    public async Task SetUp_GivesASecretAUriAndAQrCode_ButSignInStaysOneStepUntilEnabled()
    {
        var anna = await _server.RegisterAsync();

        var setup = await anna.Api.PostAsync("/api/account/2fa/setup", new { password = anna.Password });

        setup.AssertStatus(HttpStatusCode.OK);
        var secret = setup.Json.Str("secret");
        Assert.Matches("^[A-Z2-7]{32}$", secret); // 20 bytes, unpadded
        Assert.Equal(20, Base32.Decode(secret)!.Length);
        var uri = setup.Json.Str("otpauthUri");
        Assert.StartsWith($"otpauth://totp/Hallway:{anna.Username}?secret={secret}&issuer=Hallway", uri, StringComparison.Ordinal);
        Assert.Equal("svg", XDocument.Parse(setup.Json.Str("qrSvg")).Root!.Name.LocalName);

        var security = (await anna.Api.GetAsync("/api/account/security")).Json;
        Assert.False(security.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.DoesNotContain(secret, security.GetRawText(), StringComparison.Ordinal);
        var login = await _server.LoginAsync(anna.Username, anna.Password);
        login.AssertStatus(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(login.Json.Str("token")));
    }

    [Fact]
    public async Task Enable_WithTheRightCode_TurnsItOn_AndAnswersTenRecoveryCodes()
    {
        var boris = await _server.RegisterAsync();
        var (secret, codes) = await boris.EnableTwoFactorAsync(_clock);

        Assert.Equal(10, codes.Length);
        var security = (await boris.Api.GetAsync("/api/account/security")).Json;
        Assert.True(security.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(10, security.GetProperty("recoveryCodesLeft").GetInt32());

        // Signing in now takes the second step: a challenge, no session, no cookie.
        var sessions = await boris.SessionCountAsync();
        var login = await _server.LoginAsync(boris.Username, boris.Password);
        login.AssertStatus(HttpStatusCode.OK);
        Assert.True(login.Json.GetProperty("twoFactorRequired").GetBoolean());
        Assert.False(login.Json.TryGetProperty("token", out _));
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.InRange(login.Json.GetProperty("expiresAt").GetDateTimeOffset() - _clock.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.Equal(sessions, await boris.SessionCountAsync());

        NextStep();
        var signedIn = await _server.SecondStepAsync(login.Json.Str("challenge"), Code(secret));
        signedIn.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(boris.Id, signedIn["user"].Long("id"));
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hallway_session=", StringComparison.Ordinal));
        using var client = _server.Client(signedIn.Json.Str("token"));
        (await client.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(sessions + 1, await boris.SessionCountAsync());
    }

    [Fact]
    public async Task Enable_WrongOrMissingSetUp_IsRefused_AndChangesNothing()
    {
        var carol = await _server.RegisterAsync();
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = "123456" })).AssertProblem(HttpStatusCode.Conflict, "two_factor_not_set_up");

        var secret = Base32.Decode((await carol.Api.PostAsync("/api/account/2fa/setup", new { password = carol.Password })).Json.Str("secret"))!;
        var wrong = Code(secret) == "000000" ? "111111" : "000000";
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = wrong })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = "12345" })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = "abcdef" })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = new string('1', 100_000) })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        (await carol.Api.SendRawAsync(HttpMethod.Post, "/api/account/2fa/enable", """{"code":123456}""")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await carol.Api.SendRawAsync(HttpMethod.Post, "/api/account/2fa/enable", """{"code":""")).AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        Assert.False((await carol.Api.GetAsync("/api/account/security")).Json.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(0, (await carol.Api.GetAsync("/api/account/security")).Json.GetProperty("recoveryCodesLeft").GetInt32());

        // A code from an hour ago (outside the one-step window) does not work either.
        var old = Totp.Code(secret, _clock.GetUtcNow() - TimeSpan.FromHours(1));
        if (old != Code(secret))
        {
            (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = old })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        }

        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = Code(secret) })).AssertStatus(HttpStatusCode.OK);
        (await carol.Api.PostAsync("/api/account/2fa/enable", new { code = Code(secret) })).AssertProblem(HttpStatusCode.Conflict, "two_factor_already_enabled");
    }

    [Theory]
    [InlineData("""{"password":"not the password"}""", HttpStatusCode.Forbidden, "wrong_password")]
    [InlineData("""{"password":""}""", HttpStatusCode.Forbidden, "wrong_password")]
    [InlineData("""{"password":null}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"password":true}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"password":""", HttpStatusCode.BadRequest, "bad_json")]
    public async Task SetUp_NeedsThePassword_AndARefusalStoresNoSecret(string json, HttpStatusCode status, string code)
    {
        var dan = await _server.RegisterAsync();
        (await dan.Api.SendRawAsync(HttpMethod.Post, "/api/account/2fa/setup", json)).AssertProblem(status, code);
        (await dan.Api.PostAsync("/api/account/2fa/enable", new { code = "123456" })).AssertProblem(HttpStatusCode.Conflict, "two_factor_not_set_up");
    }

    [Fact]
    public async Task SetUp_WhenOn_IsRefused_AndAnotherSetUpReplacesAPendingSecret()
    {
        var erin = await _server.RegisterAsync();
        var first = Base32.Decode((await erin.Api.PostAsync("/api/account/2fa/setup", new { password = erin.Password })).Json.Str("secret"))!;
        var second = Base32.Decode((await erin.Api.PostAsync("/api/account/2fa/setup", new { password = erin.Password })).Json.Str("secret"))!;
        Assert.NotEqual(first, second);
        if (Code(first) != Code(second))
        {
            (await erin.Api.PostAsync("/api/account/2fa/enable", new { code = Code(first) })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        }

        (await erin.Api.PostAsync("/api/account/2fa/enable", new { code = Code(second) })).AssertStatus(HttpStatusCode.OK);
        (await erin.Api.PostAsync("/api/account/2fa/setup", new { password = erin.Password })).AssertProblem(HttpStatusCode.Conflict, "two_factor_already_enabled");
    }

    [Fact]
    public async Task ACode_WorksOnce_TheEnablingCodeIncluded()
    {
        var fay = await _server.RegisterAsync();
        var (secret, _) = await fay.EnableTwoFactorAsync(_clock);
        var enabling = Code(secret);

        // The code that enabled it, again at once: the same step, already used.
        (await _server.SecondStepAsync(await _server.ChallengeAsync(fay), enabling)).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");

        NextStep();
        var fresh = Code(secret);
        (await _server.SecondStepAsync(await _server.ChallengeAsync(fay), fresh)).AssertStatus(HttpStatusCode.OK);
        (await _server.SecondStepAsync(await _server.ChallengeAsync(fay), fresh)).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");

        // Nor can an older step's code come back once a newer one was used.
        NextStep();
        var newer = Code(secret);
        (await _server.SecondStepAsync(await _server.ChallengeAsync(fay), newer)).AssertStatus(HttpStatusCode.OK);
        (await _server.SecondStepAsync(await _server.ChallengeAsync(fay), Totp.Code(secret, _clock.GetUtcNow() - Totp.Step))).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
    }

    [Fact]
    public async Task ACode_SentTwiceAtOnce_SignsInOnce()
    {
        var gus = await _server.RegisterAsync();
        var (secret, _) = await gus.EnableTwoFactorAsync(_clock);
        NextStep();
        var code = Code(secret);
        var challenges = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _server.ChallengeAsync(gus)));

        var answers = await Task.WhenAll(challenges.Select(c => _server.SecondStepAsync(c, code)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.Unauthorized, "bad_code"));
    }

    [Fact]
    public async Task TheChallenge_IsSingleUse_ExpiresInFiveMinutes_AndMustBeOneWeMade()
    {
        var hal = await _server.RegisterAsync();
        var (secret, _) = await hal.EnableTwoFactorAsync(_clock);

        NextStep();
        var challenge = await _server.ChallengeAsync(hal);
        (await _server.SecondStepAsync(challenge, Code(secret))).AssertStatus(HttpStatusCode.OK);
        NextStep();
        (await _server.SecondStepAsync(challenge, Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");

        var stale = await _server.ChallengeAsync(hal);
        _clock.Advance(SignInChallenges.Lifetime + TimeSpan.FromSeconds(1));
        (await _server.SecondStepAsync(stale, Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");

        (await _server.SecondStepAsync("made-up", Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");
        (await _server.SecondStepAsync(new string('c', 100_000), Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");
        (await _server.SecondStepAsync(string.Empty, Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");
        (await _server.SecondStepAsync(SessionTokensLike(), Code(secret))).AssertProblem(HttpStatusCode.Unauthorized, "challenge_invalid");
    }

    private static string SessionTokensLike() => Hallway.Core.Accounts.SessionTokens.Create();

    [Fact]
    public async Task WrongCodes_CountTowardTheLockout_AndTheRightPasswordDoesNotClearTheCount()
    {
        var ivy = await _server.RegisterAsync();
        var (secret, _) = await ivy.EnableTwoFactorAsync(_clock);
        var wrong = "000000";
        using var client = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.7"));

        // Four failures lock the name; a fresh challenge (a right password) between them does not reset the count.
        for (var i = 0; i < 4; i++)
        {
            var challenge = await _server.ChallengeAsync(ivy);
            NextStep();
            var code = Code(secret) == wrong ? "111111" : wrong;
            (await client.PostAsync("/api/auth/login/2fa", new { challenge, code })).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        }

        (await _server.LoginAsync(ivy.Username, ivy.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        (await ivy.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWrongCode_LeavesTheChallengeForAnotherTry_AFewTimes()
    {
        var jon = await _server.RegisterAsync();
        var (secret, _) = await jon.EnableTwoFactorAsync(_clock);
        var challenge = await _server.ChallengeAsync(jon);
        NextStep();
        var wrong = Code(secret) == "000000" ? "111111" : "000000";

        (await _server.SecondStepAsync(challenge, wrong)).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await _server.SecondStepAsync(challenge, Code(secret))).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARecoveryCode_SignsInInsteadOfTheApp_Once()
    {
        var kim = await _server.RegisterAsync();
        var (_, codes) = await kim.EnableTwoFactorAsync(_clock);

        (await _server.SecondStepAsync(await _server.ChallengeAsync(kim), recoveryCode: codes[4].ToLowerInvariant())).AssertStatus(HttpStatusCode.OK);
        (await _server.SecondStepAsync(await _server.ChallengeAsync(kim), recoveryCode: codes[4])).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        (await _server.SecondStepAsync(await _server.ChallengeAsync(kim), recoveryCode: "AAAA-BBBB-CCCC-DDDD")).AssertProblem(HttpStatusCode.Unauthorized, "bad_code");
        Assert.Equal(9, (await kim.Api.GetAsync("/api/account/security")).Json.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Theory]
    [InlineData("""{"challenge":"c"}""")]
    [InlineData("""{"challenge":"c","code":"123456","recoveryCode":"AAAA-BBBB-CCCC-DDDD"}""")]
    [InlineData("""{"code":"123456"}""")]
    [InlineData("""{"challenge":5,"code":"123456"}""")]
    [InlineData("""{"challenge":"c","code":123456}""")]
    public async Task SecondStep_MalformedBodies_AreBadRequests_AndDoNotSpendTheChallenge(string json)
    {
        var lee = await _server.RegisterAsync();
        var (secret, _) = await lee.EnableTwoFactorAsync(_clock);
        var challenge = await _server.ChallengeAsync(lee);
        using var anonymous = _server.Anonymous();

        (await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/login/2fa", json.Replace("\"c\"", $"\"{challenge}\"", StringComparison.Ordinal))).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/login/2fa", "{\"challenge\":")).AssertProblem(HttpStatusCode.BadRequest, "bad_json");

        NextStep();
        (await _server.SecondStepAsync(challenge, Code(secret))).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_NeedsThePasswordAndACode_ThenSignInIsOneStepAgain()
    {
        var max = await _server.RegisterAsync();
        (await max.Api.PostAsync("/api/account/2fa/disable", new { password = max.Password, code = "123456" })).AssertProblem(HttpStatusCode.Conflict, "two_factor_not_enabled");
        var (secret, _) = await max.EnableTwoFactorAsync(_clock);
        NextStep();

        (await max.Api.PostAsync("/api/account/2fa/disable", new { password = "not it at all", code = Code(secret) })).AssertProblem(HttpStatusCode.Forbidden, "wrong_password");
        var wrong = Code(secret) == "000000" ? "111111" : "000000";
        (await max.Api.PostAsync("/api/account/2fa/disable", new { password = max.Password, code = wrong })).AssertProblem(HttpStatusCode.Forbidden, "wrong_code");
        (await max.Api.SendRawAsync(HttpMethod.Post, "/api/account/2fa/disable", $$"""{"password":"{{max.Password}}"}""")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        Assert.True((await max.Api.GetAsync("/api/account/security")).Json.GetProperty("twoFactorEnabled").GetBoolean());

        (await max.Api.PostAsync("/api/account/2fa/disable", new { password = max.Password, code = Code(secret) })).AssertStatus(HttpStatusCode.NoContent);

        var security = (await max.Api.GetAsync("/api/account/security")).Json;
        Assert.False(security.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(10, security.GetProperty("recoveryCodesLeft").GetInt32()); // kept for password recovery
        var login = await _server.LoginAsync(max.Username, max.Password);
        login.AssertStatus(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(login.Json.Str("token")));
    }

    [Fact]
    public async Task Disable_WithARecoveryCode_ForALostPhone()
    {
        var ned = await _server.RegisterAsync();
        var (_, codes) = await ned.EnableTwoFactorAsync(_clock);
        (await ned.Api.PostAsync("/api/account/2fa/disable", new { password = ned.Password, code = codes[0] })).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(9, (await ned.Api.GetAsync("/api/account/security")).Json.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task AnAdmin_CanTurnItOff_ForSomeoneWhoLostEverything()
    {
        var admin = await _server.RegisterAsync(); // the server's first account: its admin
        var oli = await _server.RegisterAsync();
        await oli.EnableTwoFactorAsync(_clock);

        (await admin.Api.DeleteAsync($"/api/admin/users/{oli.Id}/2fa")).AssertStatus(HttpStatusCode.NoContent);
        (await admin.Api.DeleteAsync($"/api/admin/users/{oli.Id}/2fa")).AssertStatus(HttpStatusCode.NoContent);
        (await admin.Api.DeleteAsync("/api/admin/users/987654/2fa")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        Assert.False(string.IsNullOrEmpty((await _server.LoginAsync(oli.Username, oli.Password)).Json.Str("token")));
    }

    [Fact]
    public async Task TheEndpoints_NeedASession()
    {
        using var anonymous = _server.Anonymous();
        (await anonymous.PostAsync("/api/account/2fa/setup", new { password = "whatever it is" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PostAsync("/api/account/2fa/enable", new { code = "123456" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PostAsync("/api/account/2fa/disable", new { password = "whatever it is", code = "123456" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
