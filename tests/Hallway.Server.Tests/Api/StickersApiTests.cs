using System.Net;
using System.Text.Json.Nodes;
using Hallway.Core.Files;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>GET/POST /api/stickers and DELETE /api/stickers/{fileId}: the built-in set and each user's own.</summary>
public sealed class StickersApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task List_ShowsTheBuiltInSetInOrder_AndNoCustomOnesAtFirst()
    {
        var alice = await Server.RegisterAsync();

        var response = await alice.Api.GetAsync("/api/stickers");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(Stickers.BuiltIn, response["builtin"].Items().Select(s => s.GetString()!));
        Assert.Empty(response["custom"].Items());
    }

    [Fact]
    public async Task Add_OwnImage_ListsItNewestFirst_AndAddingTwiceIsANoOp()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var first = await alice.UploadIdAsync(TestImages.Png(64, 64, grey: 51), "cat.png");
        var second = await alice.UploadIdAsync(TestImages.WebP(64, 64), "dog.webp");

        var added = await alice.Api.PostAsync("/api/stickers", new { fileId = first });
        (await alice.Api.PostAsync("/api/stickers", new { fileId = second })).AssertStatus(HttpStatusCode.Created);
        (await alice.Api.PostAsync("/api/stickers", new { fileId = first })).AssertStatus(HttpStatusCode.Created);

        added.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(first, added.Json.Long("id"));
        Assert.Equal("image/png", added.Json.Str("mediaType"));
        var custom = (await alice.Api.GetAsync("/api/stickers"))["custom"].Items();
        Assert.Equal([second, first], custom.Select(s => s.Long("id")));
        Assert.Empty((await bob.Api.GetAsync("/api/stickers"))["custom"].Items()); // each user has their own
    }

    [Fact]
    public async Task Remove_TakesItOutOfTheList_AndUnknownOnesAre404()
    {
        var alice = await Server.RegisterAsync();
        var fileId = await alice.UploadIdAsync(TestImages.Png(32, 32, grey: 52), "s.png");
        (await alice.Api.PostAsync("/api/stickers", new { fileId })).AssertStatus(HttpStatusCode.Created);

        (await alice.Api.DeleteAsync($"/api/stickers/{fileId}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Empty((await alice.Api.GetAsync("/api/stickers"))["custom"].Items());
        (await alice.Api.DeleteAsync($"/api/stickers/{fileId}")).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await alice.Api.DeleteAsync("/api/stickers/987654321")).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        await alice.AssertCanReadAsync(fileId, TestImages.Png(32, 32, grey: 52)); // the upload itself stays
    }

    [Fact]
    public async Task Remove_SomeoneElsesSticker_Is404AndLeavesTheirs()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var fileId = await alice.UploadIdAsync(TestImages.Png(32, 32, grey: 53), "s.png");
        (await alice.Api.PostAsync("/api/stickers", new { fileId })).AssertStatus(HttpStatusCode.Created);

        (await bob.Api.DeleteAsync($"/api/stickers/{fileId}")).AssertProblem(HttpStatusCode.NotFound, "file_not_found");

        Assert.Equal(fileId, Assert.Single((await alice.Api.GetAsync("/api/stickers"))["custom"].Items()).Long("id"));
    }

    [Fact]
    public async Task Add_Refusals_ChangeNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var text = await alice.UploadIdAsync(TestImages.Text("not a picture"), "s.png");
        var bobs = await bob.UploadIdAsync(TestImages.Png(16, 16, grey: 54), "b.png");

        (await alice.Api.PostAsync("/api/stickers", new { fileId = text })).AssertProblem(HttpStatusCode.BadRequest, "not_an_image");
        (await alice.Api.PostAsync("/api/stickers", new { fileId = bobs })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await alice.Api.PostAsync("/api/stickers", new { fileId = 987654321 })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await alice.Api.PostAsync("/api/stickers", new JsonObject { ["fileId"] = "wave" })).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await alice.Api.PostAsync("/api/stickers", new JsonObject())).AssertProblem(HttpStatusCode.BadRequest, "bad_request");

        Assert.Empty((await alice.Api.GetAsync("/api/stickers"))["custom"].Items());
        await bob.AssertCannotReadAsync(text);
    }

    [Fact]
    public async Task Stickers_NeedASignedInUser()
    {
        using var anonymous = Server.Anonymous();

        (await anonymous.GetAsync("/api/stickers")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PostAsync("/api/stickers", new { fileId = 1 })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
