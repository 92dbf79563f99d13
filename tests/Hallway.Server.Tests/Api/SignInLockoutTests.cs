using System.Net;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Failed sign-ins lock the name typed, and many from one address lock the address (a second
/// loopback address, 127.0.0.2, stands in for another machine).
/// </summary>
public sealed class SignInLockoutTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hallway:SignIn:FailuresPerAccount"] = "3",
        ["Hallway:SignIn:FailuresPerAddress"] = "6",
        ["Hallway:SignIn:Lockout"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<ApiResponse> LoginAsync(ApiClient client, string username, string password) =>
        client.PostAsync("/api/auth/login", new { username, password });

    [Fact]
    public async Task ThreeWrongPasswords_LockTheName_EvenForTheRightPassword_WithRetryAfter()
    {
        var anna = await _server.RegisterAsync();
        using var client = _server.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync(client, anna.Username, "wrong password " + i)).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        }

        var locked = await LoginAsync(client, anna.Username, anna.Password);
        locked.AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        var retryAfter = int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);

        // Any case of the name is the same name; another machine is refused too.
        (await LoginAsync(client, anna.Username.ToUpperInvariant(), anna.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        using var elsewhere = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.2"));
        (await LoginAsync(elsewhere, anna.Username, anna.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");

        // Her existing session still works: a lock stops guessing, not the owner's open tabs.
        (await anna.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownNames_LockJustTheSame_SoALockSaysNothingAboutWhoExists()
    {
        using var client = _server.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync(client, "nobody-by-this-name", "guess " + i)).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        }

        (await LoginAsync(client, "nobody-by-this-name", "guess")).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
    }

    [Fact]
    public async Task ManyNamesGuessedFromOneAddress_LockThatAddress_NotOthers()
    {
        var boris = await _server.RegisterAsync();
        using var guesser = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.3"));
        for (var i = 0; i < 6; i++)
        {
            (await LoginAsync(guesser, TestData.Username("guess"), "wrong")).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        }

        (await LoginAsync(guesser, boris.Username, boris.Password)).AssertProblem(HttpStatusCode.TooManyRequests, "sign_in_locked");
        using var colleague = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.4"));
        (await LoginAsync(colleague, boris.Username, boris.Password)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARightPassword_BeforeTheLimit_StartsTheCountOver()
    {
        var carol = await _server.RegisterAsync();
        using var client = new ApiClient(_server.BaseAddress, sourceAddress: IPAddress.Parse("127.0.0.5"));
        for (var round = 0; round < 2; round++)
        {
            (await LoginAsync(client, carol.Username, "wrong")).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
            (await LoginAsync(client, carol.Username, "wrong")).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
            (await LoginAsync(client, carol.Username, carol.Password)).AssertStatus(HttpStatusCode.OK);
        }
    }
}
