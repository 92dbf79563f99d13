using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Each user's own contact list.</summary>
public sealed class ContactsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Contacts_AddListRemove_RoundTrips()
    {
        var owner = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();
        Assert.Empty((await owner.Api.GetAsync("/api/contacts")).Json.Items());

        (await owner.Api.PutAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);
        var listed = Assert.Single((await owner.Api.GetAsync("/api/contacts")).Json.Items());
        Assert.Equal(friend.Id, listed.Long("id"));

        (await owner.Api.DeleteAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await owner.Api.GetAsync("/api/contacts")).Json.Items());
    }

    [Fact]
    public async Task Contacts_AddingTwice_IsIdempotent()
    {
        var owner = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();

        (await owner.Api.PutAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await owner.Api.PutAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Single((await owner.Api.GetAsync("/api/contacts")).Json.Items());
    }

    [Fact]
    public async Task Contacts_AreOneWayAndPrivate()
    {
        var owner = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();
        (await owner.Api.PutAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Empty((await friend.Api.GetAsync("/api/contacts")).Json.Items());
    }

    [Fact]
    public async Task Contacts_AddSelf_IsRejectedWithInvalidContact()
    {
        var owner = await Server.RegisterAsync();
        (await owner.Api.PutAsync($"/api/contacts/{owner.Id}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_contact");
        Assert.Empty((await owner.Api.GetAsync("/api/contacts")).Json.Items());
    }

    [Fact]
    public async Task Contacts_AddUnknownUser_Is404UserNotFound()
    {
        var owner = await Server.RegisterAsync();
        (await owner.Api.PutAsync("/api/contacts/987654321")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        Assert.Empty((await owner.Api.GetAsync("/api/contacts")).Json.Items());
    }

    [Fact]
    public async Task Contacts_RemoveSomeoneNotInTheList_Is404ContactNotFound()
    {
        var owner = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        (await owner.Api.DeleteAsync($"/api/contacts/{stranger.Id}")).AssertProblem(HttpStatusCode.NotFound, "contact_not_found");
        (await owner.Api.DeleteAsync("/api/contacts/987654321")).AssertProblem(HttpStatusCode.NotFound, "contact_not_found");
    }

    [Fact]
    public async Task Contacts_AreListedByUsername()
    {
        var owner = await Server.RegisterAsync();
        var zed = await Server.RegisterAsync("zz" + Guid.NewGuid().ToString("N")[..10]);
        var amy = await Server.RegisterAsync("AA" + Guid.NewGuid().ToString("N")[..10]);
        (await owner.Api.PutAsync($"/api/contacts/{zed.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await owner.Api.PutAsync($"/api/contacts/{amy.Id}")).AssertStatus(HttpStatusCode.NoContent);

        var listed = (await owner.Api.GetAsync("/api/contacts")).Json.Items().Select(u => u.Long("id"));

        Assert.Equal([amy.Id, zed.Id], listed);
    }
}
