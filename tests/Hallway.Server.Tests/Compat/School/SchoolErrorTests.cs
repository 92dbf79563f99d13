using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>Each documented error in the school format, bad input that stores nothing, admin, switched off, discovery.</summary>
public sealed class SchoolErrorTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private int _discoveryPort;

    public async Task InitializeAsync()
    {
        using (var probe = new UdpClient(new System.Net.IPEndPoint(IPAddress.Loopback, 0)))
        {
            _discoveryPort = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hallway:Files:MaxUploadBytes"] = "4096",
            ["Hallway:School:DiscoveryPort"] = _discoveryPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hallway:School:DiscoveryListen"] = "127.0.0.1",
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AccountErrors_AreTheOriginalsTexts_AndAdminRoutesCheckTheRole()
    {
        var admin = await _server.SignUpAsync();
        var alice = await _server.SignUpAsync();
        var anonymous = _server.Anonymous();

        (await anonymous.PostAsync("/auth/register", new { username = alice.Username, password = School.Password })).AssertDetail(HttpStatusCode.BadRequest, "Username already exists");
        (await anonymous.PostAsync("/auth/login", new { username = alice.Username, password = "wrong password" })).AssertDetail(HttpStatusCode.Unauthorized, "Invalid credentials");
        (await anonymous.GetAsync("/users")).AssertDetail(HttpStatusCode.Unauthorized, "Not authenticated");
        (await new ApiClient(_server.BaseAddress, "nonsense").GetAsync("/users/me")).AssertDetail(HttpStatusCode.Unauthorized, "Invalid token");
        (await alice.Api.GetAsync("/users/987654")).AssertDetail(HttpStatusCode.NotFound, "User not found");
        (await alice.Api.GetAsync("/users/abc")).Assert422("int_parsing");
        (await alice.Api.DeleteAsync("/messages/987654")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
        (await alice.Api.PutAsync("/messages/987654/read")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
        (await alice.Api.GetAsync("/admin/all-users")).AssertDetail(HttpStatusCode.Forbidden, "Admin access required");
        (await alice.Api.GetAsync("/admin/all-messages")).AssertDetail(HttpStatusCode.Forbidden, "Admin access required");
        (await alice.Api.GetAsync("/nothing/here")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        (await alice.Api.PatchAsync("/messages", new { })).AssertDetail(HttpStatusCode.MethodNotAllowed, "Method Not Allowed");

        var sent = await alice.SendAsync(admin.Id, "to the admin");
        var users = await admin.Api.GetAsync("/admin/all-users");
        Assert.Contains(users.Json.EnumerateArray(), u => u.Long("id") == alice.Id);
        var all = await admin.Api.GetAsync("/admin/all-messages");
        Assert.Contains(all.Json.EnumerateArray(), m => m.Long("id") == sent.Json.Long("id"));

        // The admin deletes a message of a conversation they are not in.
        var bob = await _server.SignUpAsync();
        var other = await alice.SendAsync(bob.Id, "between us");
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.DeleteAsync($"/messages/{other.Json.Long("id")}")).Status);
        (await bob.Api.PutAsync($"/messages/{other.Json.Long("id")}/read")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
    }

    [Fact]
    public async Task BadInput_GetsItsError_AndStoresNothing()
    {
        var alice = await _server.SignUpAsync();
        var bob = await _server.SignUpAsync();

        (await alice.Api.SendRawAsync(HttpMethod.Post, "/messages", "{\"content\": ")).Assert422("json_invalid");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/messages", Encoding.UTF8.GetBytes($"{{\"content\":\"a\",\"receiver_id\":{bob.Id},\"x\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray())).Assert422("json_invalid");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/messages", "[1,2]")).Assert422("model_attributes_type");
        (await alice.Api.PostAsync("/messages", new { content = 5, receiver_id = "x" })).Assert422("string_type");
        (await alice.Api.PostAsync("/messages", new { content = "hi" })).Assert422("missing");
        (await alice.Api.PostAsync("/messages", new { content = "hi", receiver_id = bob.Id, message_type = "video" })).Assert422("enum");
        (await alice.SendAsync(bob.Id, "")).Assert422("value_error");
        (await alice.SendAsync(bob.Id, new string('x', 5000))).Assert422("value_error");
        (await alice.SendAsync(bob.Id, "pic", "image", "!!not base64!!")).Assert422("value_error");
        (await alice.SendAsync(bob.Id, "pic", "image", Convert.ToBase64String(new byte[5000]))).AssertDetail(HttpStatusCode.RequestEntityTooLarge, "file_data is larger than 4096 bytes");
        (await alice.SendAsync(987654, "hello")).AssertDetail(HttpStatusCode.NotFound, "User not found");
        (await alice.Api.GetAsync("/messages?contact_id=abc")).Assert422("int_parsing");
        (await alice.Api.GetAsync($"/messages?contact_id={bob.Id}&limit=0")).Assert422("greater_than_equal");
        (await _server.Anonymous().PostAsync("/auth/register", new { username = "", password = School.Password })).Assert422("value_error");

        Assert.Empty((await bob.Api.GetAsync($"/messages?contact_id={alice.Id}")).Json.GetProperty("messages").Items());
        Assert.Empty((await bob.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items());
        var files = Directory.EnumerateFiles(Path.Combine(_server.DataFolder, "files"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("tmp", StringComparison.Ordinal));
        Assert.Empty(files);
    }

    [Fact]
    public async Task OthersMessages_CannotBeMarkedRead()
    {
        var alice = await _server.SignUpAsync();
        var bob = await _server.SignUpAsync();
        var carol = await _server.SignUpAsync();
        var sent = await alice.SendAsync(bob.Id, "for bob");

        (await carol.Api.PutAsync($"/messages/{sent.Json.Long("id")}/read")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
        (await carol.Api.DeleteAsync($"/messages/{sent.Json.Long("id")}")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
        Assert.Single((await bob.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items());
    }

    [Fact]
    public async Task Discovery_AnswersOverLoopback_AndIgnoresJunk()
    {
        var discovery = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Hallway.Server.Compat.School.SchoolDiscovery>(_server.App.Services);
        Assert.Equal(_discoveryPort, await discovery.BoundPort);
        using var udp = new UdpClient(new System.Net.IPEndPoint(IPAddress.Loopback, 0));
        var target = new System.Net.IPEndPoint(IPAddress.Loopback, _discoveryPort);
        await udp.SendAsync("junk"u8.ToArray(), target);
        await udp.SendAsync("""{"type":"other"}"""u8.ToArray(), target);
        await udp.SendAsync("""{"type":"discovery","client_version":"1.0"}"""u8.ToArray(), target);

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reply = await udp.ReceiveAsync(cancel.Token);
        var json = JsonDocument.Parse(reply.Buffer).RootElement;
        Assert.Equal("server_response", json.Str("type"));
        Assert.Equal(_server.BaseAddress.Port, json.GetProperty("port").GetInt32());
        Assert.Equal("Hallway", json.Str("name"));
        Assert.True(reply.Buffer.Length < 1024);
        Assert.Equal(IPAddress.Loopback, reply.RemoteEndPoint.Address);
    }

    [Fact]
    public async Task Disabled_RemovesEverySchoolRoute_AndLeavesTheRestWorking()
    {
        await using var off = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:School:Enabled"] = "false" });
        var anonymous = off.Anonymous();

        (await anonymous.PostAsync("/auth/register", new { username = "someone", password = School.Password })).AssertProblem(HttpStatusCode.NotFound, "not_found");
        (await anonymous.GetAsync("/users")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        (await anonymous.GetAsync("/ws/1")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        var web = await off.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.Api.GetAsync("/api/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).Status);
    }
}
