using System.Threading.RateLimiting;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Api;
using Hallway.Server.Auth;
using Hallway.Server.Compat.School;
using Hallway.Server.Compat.Text;
using Hallway.Server.Realtime;
using Hallway.Storage.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Hosting;

/// <summary>Builds the Hallway web application: services, endpoints, and the start-up checks.</summary>
public static class HallwayServer
{
    /// <summary>
    /// Builds the app from configuration (appsettings.json in the working folder, HALLWAY__*
    /// variables, then <paramref name="overrides"/>). Throws <see cref="SettingsException"/> listing
    /// every bad setting.
    /// </summary>
    public static WebApplication Build(IDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null)
    {
        // The builder already reads appsettings.json from the content root and the environment.
        WebApplicationBuilder builder;
        try
        {
            builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException([$"appsettings.json is not valid JSON: {e.InnerException?.Message ?? e.Message}"]);
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var options = ReadOptions(builder.Configuration);
        var folderLock = Storage.DataFolderLock.TryAcquire(options.Data)
            ?? throw new SettingsException([$"Hallway:Data '{options.Data}' is in use by another running Hallway server"]);

        try
        {
            // Made by a factory, so the container disposes it (releasing the folder) with the app.
            builder.Services.AddSingleton(_ => folderLock);
            builder.Services.AddSingleton(Options.Create(options));
            builder.WebHost.UseUrls(options.Urls ?? $"http://0.0.0.0:{options.Port}");
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            });
            UseLogFormat(builder.Logging, options.LogFormat);
            configure?.Invoke(builder);

            AddServices(builder.Services, options);
            var app = builder.Build();
            _ = app.Services.GetRequiredService<Storage.DataFolderLock>();
            _ = app.Services.GetRequiredService<ServerInfo>();
            try
            {
                MapEndpoints(app);
            }
            catch (SchemaTooNewException e)
            {
                throw new SettingsException([$"Hallway:Data {e.Message}"]);
            }

            return app;
        }
        catch
        {
            // Start-up refused: the folder is free again for the next try.
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Console logging only, UTC timestamps. Nothing Hallway logs carries a password, token, code or
    /// message text (LogSafetyTests in Hallway.Cli.Tests checks a server's whole output for them).
    /// </summary>
    private static void UseLogFormat(ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        }
    }

    /// <summary>
    /// The settings <see cref="Build"/> would run with (appsettings.json in the working folder, the
    /// environment, then <paramref name="overrides"/>), validated, without touching the data folder:
    /// <c>hallway admin config check</c>. Throws <see cref="SettingsException"/> with every problem.
    /// </summary>
    public static HallwayOptions CheckSettings(IDictionary<string, string?>? overrides = null)
    {
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException([$"appsettings.json is not valid JSON: {e.InnerException?.Message ?? e.Message}"]);
        }

        return ReadOptions(configuration, createData: false);
    }

    /// <summary>
    /// The binder's "Failed to convert configuration value 'x' at 'Hallway:K' to type 'T'" as one
    /// line an operator can act on: which setting, what it is, what it may be.
    /// </summary>
    private static string ConversionProblem(InvalidOperationException e)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, "^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'");
        if (!match.Success)
        {
            return e.Message;
        }

        var typeName = match.Groups["type"].Value;
        var type = typeof(HallwayOptions).Assembly.GetType(typeName) ?? typeof(TimeSpan).Assembly.GetType(typeName);
        var expected = type switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ when type == typeof(TimeSpan) => "a time span such as 00:05:00",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ => $"a {type?.Name ?? typeName}",
        };
        return $"{match.Groups["key"].Value} must be {expected} (is '{match.Groups["value"].Value}')";
    }

    private static HallwayOptions ReadOptions(IConfiguration configuration, bool createData = true)
    {
        var options = new HallwayOptions();
        try
        {
            configuration.GetSection(HallwayOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new SettingsException([ConversionProblem(e)]);
        }

        var problems = OptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }

        options.Data = Path.GetFullPath(options.Data);
        if (!createData)
        {
            return options;
        }

        try
        {
            Directory.CreateDirectory(options.Data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException([$"Hallway:Data cannot be used as the data folder ('{options.Data}'): {e.Message}"]);
        }

        return options;
    }

    private static void AddServices(IServiceCollection services, HallwayOptions options)
    {
        // TryAdd: a host (the tests) may bring its own clock through Build's configure hook.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options.Limits);
        services.AddSingleton(options.SignIn);
        services.AddSingleton<Core.Security.SignInThrottle>();
        services.AddSingleton<Core.Security.SignInChallenges>();
        services.AddSingleton<IHallwayStore>(sp =>
        {
            var store = SqliteStore.Open(options.Data, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteStore>>());
            return store;
        });
        services.AddSingleton<Core.Accounts.IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<Core.Admin.AdminService>();
        services.AddSingleton<Core.Admin.AdminUserService>();
        services.AddSingleton<Core.Admin.AdminGroupService>();
        services.AddSingleton<Core.Admin.ModerationService>();
        services.AddSingleton<Core.Admin.RetentionService>();
        services.AddSingleton(sp => new ServerInfo(DateTimeOffset.FromUnixTimeMilliseconds(sp.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds())));
        services.AddSingleton<Core.Files.FileService>();
        services.AddSingleton(new Files.BlobStore(options.Data));
        services.AddSingleton<Files.FileSweeper>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton(sp => new TypingTracker(sp.GetRequiredService<TimeProvider>(), options.Limits.TypingTimeout));
        services.AddSingleton<RealtimeHub>();
        services.AddSingleton<TypingSignals>();
        services.AddSingleton<RequestHandlers>();
        services.AddSingleton<Maintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<Maintenance>());
        services.AddTextGateway(options.Text);
        services.AddSchoolApi(options.School);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, CoreJsonContext.Default);
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(o => ConfigureRateLimits(o, options.RateLimits));
        services.AddOpenApi();

        // Authentication brings in Data Protection; keep its keys with the data, not in the home folder.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.Data, "keys")));
    }

    private static void ConfigureRateLimits(RateLimiterOptions o, RateLimitOptions limits)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Problems.Write(context.HttpContext, Errors.RateLimited());
        };

        // Every write (any method but GET/HEAD/OPTIONS) shares one budget per signed-in user (per
        // address before sign-in), so no endpoint can be used to hammer the writer.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetTokenBucketLimiter(
                    http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "ip:" + http.Connection.RemoteIpAddress,
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.WritesPerSecond * 3,
                        TokensPerPeriod = limits.WritesPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    }));

        // Sign-in and registration: per client address, to slow down password guessing.
        o.AddPolicy(AuthApi.AuthLimiter, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AuthPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    private static void MapEndpoints(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IHallwayStore>();
        store.SetEventSink(app.Services.GetRequiredService<RealtimeHub>());
        app.Lifetime.ApplicationStopping.Register(() =>
            app.Services.GetRequiredService<RealtimeHub>().CloseAll((int)System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));

        app.UseSecurityHeaders();
        app.UseSchoolRequests();
        app.UseExceptionHandler();
        app.UseStatusCodePages(Problems.WriteStatus);
        app.UseMiddleware<Utf8BodyValidation>();
        WebSocketTransportStream.Use(app);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAdminGate();

        app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok", Version))).WithTags("Health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapChatsApi();
        app.MapMessagesApi();
        app.MapFilesApi();
        app.MapEventsApi();
        app.MapAccountSecurityApi();
        app.MapAdminAccountsApi();
        app.MapReportsApi();
        app.MapAdminApi();
        app.MapRealtime();
        app.MapTextGateway();
        app.MapSchoolApi();
        app.MapWebClient();
    }

    public static string Version { get; } =
        typeof(HallwayServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

/// <summary>Start-up refused: the settings named are wrong. Each entry is one line for the operator.</summary>
public sealed class SettingsException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
