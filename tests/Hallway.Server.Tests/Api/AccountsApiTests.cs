using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Registration, sign-in, the session cookie and sign-out.</summary>
public sealed class AccountsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private async Task<ApiResponse> RegisterAsync(string username, string password = ApiTestHelpers.Password, string? displayName = null)
    {
        using var anonymous = Server.Anonymous();
        return await anonymous.PostAsync("/api/auth/register", new { username, password, displayName });
    }

    [Fact]
    public async Task Register_ValidAccount_Returns201WithUserTokenAndLocation()
    {
        var name = TestData.Username("reg");
        var response = await RegisterAsync(name, displayName: "  Ada Lovelace  ");

        response.AssertStatus(HttpStatusCode.Created);
        var user = response["user"];
        Assert.Equal(name, user.Str("username"));
        Assert.Equal("Ada Lovelace", user.Str("displayName"));
        Assert.False(string.IsNullOrEmpty(response.Json.Str("token")));
        Assert.Equal($"/api/users/{user.Long("id")}", response.Headers.Location?.OriginalString);

        using var client = Server.Client(response.Json.Str("token"));
        var me = await client.GetAsync("/api/me");
        me.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Long("id"), me.Json.Long("id"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Register_WithoutOrWithBlankDisplayName_UsesTheUsername(string? displayName)
    {
        var name = TestData.Username("nodn");
        var response = await RegisterAsync(name, displayName: displayName);

        response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(name, response["user"].Str("displayName"));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("\u0007bell")]
    public async Task Register_DisplayNameWithControlCharacters_IsRejected(string displayName)
    {
        var name = TestData.Username("badn");
        (await RegisterAsync(name, displayName: displayName)).AssertProblem(HttpStatusCode.BadRequest, "invalid_display_name");
        (await RegisterAsync(name)).AssertStatus(HttpStatusCode.Created); // the name was not taken
    }

    [Fact]
    public async Task Register_PasswordWithAControlCharacter_IsRejectedWithInvalidPassword()
    {
        (await RegisterAsync(TestData.Username("pwc"), "long enough\u0001")).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a.b_c-d")]
    [InlineData("UPPER.lower_123")]
    public async Task Register_UsernameWithAllowedCharacters_IsAccepted(string stem)
    {
        // Stems are made unique with a suffix of allowed characters; lengths stay within 3..32.
        var name = stem + "-" + TestData.Username("k");
        (await RegisterAsync(name)).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Register_UsernameOfExactly3And32Characters_IsAccepted()
    {
        var unique = Guid.NewGuid().ToString("N");
        (await RegisterAsync(unique[..3])).AssertStatus(HttpStatusCode.Created);
        (await RegisterAsync(unique[..32])).AssertStatus(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("slash/name")]
    [InlineData("имя_юзера")]
    [InlineData("emoji😀name")]
    [InlineData("at@sign")]
    public async Task Register_InvalidUsername_IsRejectedWithInvalidUsername(string username)
    {
        var response = await RegisterAsync(username);
        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_username");
    }

    [Fact]
    public async Task Register_UsernameOf33Characters_IsRejectedWithInvalidUsername()
    {
        var response = await RegisterAsync(new string('a', 33));
        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_username");
    }

    [Fact]
    public async Task Register_TakenUsernameInAnotherCase_IsRejectedWith409UsernameTaken()
    {
        var name = TestData.Username("Case");
        (await RegisterAsync(name)).AssertStatus(HttpStatusCode.Created);

        (await RegisterAsync(name)).AssertProblem(HttpStatusCode.Conflict, "username_taken");
        (await RegisterAsync(name.ToUpperInvariant())).AssertProblem(HttpStatusCode.Conflict, "username_taken");
        (await RegisterAsync(name.ToLowerInvariant())).AssertProblem(HttpStatusCode.Conflict, "username_taken");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("7chars!")]
    public async Task Register_PasswordShorterThan8_IsRejectedWithInvalidPassword(string password)
    {
        var name = TestData.Username("pw");
        (await RegisterAsync(name, password)).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");

        // Nothing was stored: the name is still free.
        (await RegisterAsync(name)).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Register_PasswordOfExactly8_IsAccepted()
    {
        var name = TestData.Username("pw8");
        (await RegisterAsync(name, "12345678")).AssertStatus(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync(name, "12345678")));
    }

    [Fact]
    public async Task Register_LaterAccountsOnASharedServer_AreNotAdmins()
    {
        await Server.RegisterAsync();
        var response = await RegisterAsync(TestData.Username("late"));
        Assert.False(response["user"].GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task Login_CorrectPassword_ReturnsAWorkingToken()
    {
        var user = await Server.RegisterAsync();
        using var anonymous = Server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Id, response["user"].Long("id"));
        Assert.NotEqual(user.Token, response.Json.Str("token"));
        using var client = Server.Client(response.Json.Str("token"));
        (await client.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_UsernameInAnotherCase_SignsIn()
    {
        var user = await Server.RegisterAsync();
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync(user.Username.ToUpperInvariant(), user.Password)));
    }

    [Fact]
    public async Task Login_WrongPassword_IsRejectedWith401BadCredentials()
    {
        var user = await Server.RegisterAsync();
        using var anonymous = Server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password = "not the password" });
        response.AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_UnknownUser_IsRejectedWithTheSameBadCredentials()
    {
        using var anonymous = Server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login", new { username = TestData.Username("ghost"), password = ApiTestHelpers.Password });
        response.AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
    }

    [Fact]
    public async Task Login_SetsAnHttpOnlySameSiteStrictSessionCookie()
    {
        var user = await Server.RegisterAsync();
        using var anonymous = Server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password });

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hallway_session=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.Equal("hallway_session=" + response.Json.Str("token").ToLowerInvariant(), attributes[0]);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task Register_SetsTheSessionCookieToo()
    {
        var response = await RegisterAsync(TestData.Username("ck"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hallway_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant());
    }

    [Fact]
    public async Task Cookie_AloneAuthenticatesTheClient()
    {
        var user = await Server.RegisterAsync();
        using var browser = Server.Anonymous(); // keeps cookies like a browser, sends no bearer token
        (await browser.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password })).AssertStatus(HttpStatusCode.OK);

        var me = await browser.GetAsync("/api/me");
        me.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Id, me.Json.Long("id"));
    }

    [Fact]
    public async Task Logout_MakesTheTokenStopWorking()
    {
        var user = await Server.RegisterAsync();
        var token = await Server.LoginAsync(user.Username);
        using var client = Server.Client(token);

        (await client.PostAsync("/api/auth/logout")).AssertStatus(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await client.PostAsync("/api/auth/logout")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        // The other session of the same user is untouched.
        (await user.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_ClearsTheCookieOfABrowser()
    {
        var user = await Server.RegisterAsync();
        using var browser = Server.Anonymous();
        (await browser.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password })).AssertStatus(HttpStatusCode.OK);

        (await browser.PostAsync("/api/auth/logout")).AssertStatus(HttpStatusCode.NoContent);

        (await browser.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Logout_WithoutASession_Is401()
    {
        using var anonymous = Server.Anonymous();
        (await anonymous.PostAsync("/api/auth/logout")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Register_SameNameConcurrentlyInDifferentCases_OnlyOneWins()
    {
        var name = TestData.Username("race");
        var variants = new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant(), name, name.ToUpperInvariant() };

        var responses = await Task.WhenAll(variants.Select(v => RegisterAsync(v)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertProblem(HttpStatusCode.Conflict, "username_taken"));
    }
}
