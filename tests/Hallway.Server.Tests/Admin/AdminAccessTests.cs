using System.Net;
using System.Text.RegularExpressions;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Admin;

/// <summary>
/// Every /api/admin endpoint, found in the app's own routing table (so a new one cannot be left
/// out), refuses strangers with 401 and students and teachers with 403 not_admin, whatever the
/// body, and the refusals change and audit nothing.
/// </summary>
public sealed partial class AdminAccessTests
{
    /// <summary>Admin endpoints as (method, path with 1 for every route parameter).</summary>
    private static List<(string Method, string Path)> AdminEndpoints(TestServer server) =>
        [.. server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, RouteParameter().Replace(e.RoutePattern.RawText!, "1"))))
            .OrderBy(e => e.Item2, StringComparer.Ordinal)
            .ThenBy(e => e.m, StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task EveryAdminEndpoint_RefusesStrangersStudentsAndTeachers_AndRecordsNothing()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var student = await server.RegisterAsync();
        var teacher = await server.TeacherAsync(admin);
        var lobby = await student.LobbyIdAsync();
        var message = await student.SendAsync(lobby, "still here");
        var cursor = await admin.AuditCursorAsync();
        using var anonymous = server.Anonymous();

        var endpoints = AdminEndpoints(server);
        Assert.True(endpoints.Count >= 20, "The routing table lists too few admin endpoints: " + string.Join(", ", endpoints));
        var failures = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            // A body of the right shape for no endpoint: the refusal must come before it is read.
            var body = method is "GET" or "DELETE" ? null : new { };
            foreach (var (who, client, status, code) in new[]
            {
                ("anonymous", anonymous, HttpStatusCode.Unauthorized, "unauthorized"),
                ("student", student.Api, HttpStatusCode.Forbidden, "not_admin"),
                ("teacher", teacher.Api, HttpStatusCode.Forbidden, "not_admin"),
            })
            {
                var response = await client.SendAsync(new HttpMethod(method), path, body);
                if (response.Status != status || response.Code != code || response.ContentType != "application/problem+json")
                {
                    failures.Add($"{who} {method} {path}: {(int)response.Status} {response.Code}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await admin.AssertNothingAuditedAsync(cursor);
        Assert.Equal("still here", (await student.MessageAsync(message.Long("id"))).Str("text"));
        Assert.Equal("student", (await student.Api.GetAsync("/api/me")).Json.Str("role"));
        (await student.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        Assert.False((await admin.AdminRowAsync(student.Id)).GetProperty("disabled").GetBoolean());
        Assert.Empty((await admin.Api.GetAsync("/api/admin/groups")).Json.Items());
    }

    [Fact]
    public async Task UnknownAdminPath_IsNotFound_ForAdminsAndOthersAlike()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var student = await server.RegisterAsync();

        (await admin.Api.GetAsync("/api/admin/nothing-here")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        (await student.Api.GetAsync("/api/admin/nothing-here")).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }
}
