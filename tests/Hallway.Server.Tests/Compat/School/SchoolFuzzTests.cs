using System.Net;
using System.Text;
using System.Text.Json;
using Hallway.Server.Tests.Api;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>
/// Every field every school endpoint reads, given what a broken or hostile client might send:
/// lone surrogate escapes, every wrong JSON type, empty and 1 MB strings. Each answer is one of
/// the documented 4xx in the school's <c>{"detail"}</c> shape (never a 500), and nothing is stored.
/// </summary>
public sealed class SchoolFuzzTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly HashSet<HttpStatusCode> Documented =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound,
        HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnprocessableEntity,
    ];

    // A million characters: the body stays under MaxRequestBytes (1 MiB), so the field's own rule must refuse it.
    private static readonly string Huge = "\"" + new string('x', 1_000_000) + "\"";

    /// <summary>Raw JSON values; each replaces one field of an otherwise valid body.</summary>
    private static readonly string[] Junk =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud800\\ud800\"", "0", "-1", "1.5", "1e400", "99999999999999999999", "true", "false",
        "{}", "{\"a\":1}", "[]", "[\"text\"]", "null", "\"\"", Huge,
    ];

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task EveryBodyField_GivenJunk_IsADocumented4xx_AndStoresNothing()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();
        var anonymous = Server.Anonymous();
        var accountsBefore = await AccountCountAsync(alice);

        // Each endpoint with a valid body (raw JSON values) and the fields that are optional (absent or null is valid).
        var endpoints = new (string Path, ApiClient Client, Dictionary<string, string> Body, string[] Optional)[]
        {
            ("/auth/register", anonymous, new() { ["username"] = "\"fuzz" + Guid.NewGuid().ToString("N")[..8] + "\"", ["password"] = "\"" + School.Password + "\"" }, []),
            ("/auth/login", anonymous, new() { ["username"] = "\"" + alice.Username + "\"", ["password"] = "\"wrong password 1\"" }, []),
            ("/auth/status", alice.Api, new() { ["user_id"] = bob.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["is_online"] = "true" }, ["is_online"]),
            ("/messages", alice.Api, new() { ["content"] = "\"hello\"", ["receiver_id"] = bob.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["message_type"] = "\"text\"" }, ["message_type"]),
        };

        // file_data is read only for files: fuzz it in a file message (every other field valid).
        var fileMessage = new Dictionary<string, string>
        {
            ["content"] = "\"a.txt\"",
            ["receiver_id"] = bob.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["message_type"] = "\"file\"",
            ["file_data"] = "\"aGVsbG8=\"",
        };

        foreach (var (path, client, valid, optional, fields) in endpoints.Select(e => (e.Path, e.Client, e.Body, e.Optional, e.Body.Keys.ToArray())).Append(("/messages", alice.Api, fileMessage, ["file_data"], ["file_data"])))
        {
            foreach (var field in fields)
            {
                foreach (var junk in Junk)
                {
                    if (junk == "null" && optional.Contains(field))
                    {
                        continue; // null is how an optional field is left out
                    }

                    if (field == "file_data" && (junk == "\"\"" || junk == Huge))
                    {
                        // Empty is no file (the original's falsy check); a million x's is valid base64 of
                        // a file under the limit (over it is 413, tested in SchoolErrorTests).
                        continue;
                    }


                    var body = "{" + string.Join(",", valid.Select(p => JsonSerializer.Serialize(p.Key) + ":" + (p.Key == field ? junk : p.Value))) + "}";
                    var answer = await client.SendRawAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body));
                    AssertDocumented(answer, $"POST {path} {field}={Shorten(junk)}");
                }
            }
        }

        // Query and path values are text: lone surrogates arrive as their (invalid) UTF-8 bytes.
        string[] words = ["%ED%A0%80", "abc", "1.5", "-1", "99999999999999999999", "%00", "true", "", new string('9', 4000)];
        foreach (var word in words)
        {
            foreach (var path in new[]
            {
                $"/messages?contact_id={word}", $"/messages?contact_id={bob.Id}&limit={word}", $"/users/{word}",
            })
            {
                // A read may find nothing (200 with an empty list for an id nobody has); it must never fail.
                var answer = await alice.Api.GetAsync(path);
                if (answer.Status != HttpStatusCode.OK)
                {
                    AssertDocumented(answer, "GET " + Shorten(path), shape: false);
                }
            }

            if (word.Length > 0)
            {
                AssertDocumented(await alice.Api.PutAsync($"/messages/{word}/read"), $"PUT /messages/{Shorten(word)}/read", shape: false);
                AssertDocumented(await alice.Api.DeleteAsync($"/messages/{word}"), $"DELETE /messages/{Shorten(word)}", shape: false);
            }
        }

        Assert.Equal(accountsBefore, await AccountCountAsync(alice));
        Assert.Empty((await bob.Api.GetAsync($"/messages?contact_id={alice.Id}")).Json.GetProperty("messages").Items());
        Assert.Empty((await bob.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items());
        var files = Path.Combine(Server.DataFolder, "files");
        Assert.True(!Directory.Exists(files) || !Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Any(f => !f.Contains("tmp", StringComparison.Ordinal)));
    }

    private static void AssertDocumented(ApiResponse answer, string what, bool shape = true)
    {
        Assert.True(Documented.Contains(answer.Status), $"{what}: {(int)answer.Status} {Shorten(answer.Text)}");
        Assert.True(!shape || answer.Json.ValueKind == JsonValueKind.Object && answer.Json.TryGetProperty("detail", out _), $"{what}: not the school's error shape: {Shorten(answer.Text)}");
    }

    private static async Task<int> AccountCountAsync(SchoolUser user) => (await user.Api.GetAsync("/users")).Json.GetArrayLength();

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + $"… ({text.Length} chars)" : text;
}
