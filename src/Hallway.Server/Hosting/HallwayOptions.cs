using Hallway.Core.Common;
using Hallway.Server.Compat.School;
using Hallway.Server.Compat.Text;

namespace Hallway.Server.Hosting;

/// <summary>
/// Everything an operator can set, from appsettings.json ("Hallway" section), HALLWAY__* environment
/// variables or command-line flags, in rising order of precedence.
/// </summary>
public sealed class HallwayOptions
{
    public const string Section = "Hallway";

    /// <summary>The HTTP port on every interface; 0 picks a free one.</summary>
    public int Port { get; set; } = 8000;

    /// <summary>Overrides <see cref="Port"/> with explicit Kestrel URLs, e.g. http://127.0.0.1:9000.</summary>
    public string? Urls { get; set; }

    /// <summary>The data folder: the SQLite database and, later, uploaded files.</summary>
    public string Data { get; set; } = "data";

    public HallwayLimits Limits { get; set; } = new();

    public RealtimeOptions Realtime { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Lockout after repeated failed sign-ins, per username and per address.</summary>
    public Core.Security.SignInLimits SignIn { get; set; } = new();

    public UploadOptions Files { get; set; } = new();

    /// <summary>The async_chat text gateway (telnet, netcat, the /text WebSocket).</summary>
    public TextGatewayOptions Text { get; set; } = new();

    /// <summary>The school LAN messenger's API, for its desktop client.</summary>
    public SchoolApiOptions School { get; set; } = new();

    /// <summary>
    /// How the console log is written: one readable line an entry, or one JSON object a line for a
    /// log collector. Levels are the standard "Logging:LogLevel" section.
    /// </summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    /// <summary>Largest HTTP request body the JSON API accepts.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How often housekeeping runs: the retention sweep, expired sessions, unused uploads.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}

public enum LogFormat
{
    Text,
    Json,
}

public sealed class RealtimeOptions
{
    /// <summary>Largest WebSocket message a client may send; larger ones close the socket with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Frames waiting for a slow socket before it is closed with 4008 (it catches up from the log).</summary>
    public int OutgoingQueueLimit { get; set; } = 1024;

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A socket that does not answer a ping within this is dropped.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new socket may stay silent before its first "hello".</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests a socket may make in a burst, and refilled per second (pings are free).</summary>
    public int RequestBurst { get; set; } = 60;

    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests a socket may have in flight at once; the next waits.</summary>
    public int MaxInFlight { get; set; } = 32;
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-ins and registrations per minute from one address.</summary>
    public int AuthPerMinute { get; set; } = 30;

    /// <summary>HTTP writes (sends, edits, reactions...) per second per user, with a burst of three times that.</summary>
    public int WritesPerSecond { get; set; } = 20;
}

public sealed class UploadOptions
{
    /// <summary>Largest file one upload may carry.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest preview image a client may send with an upload.</summary>
    public long MaxPreviewBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long an upload may wait to be sent, or set as an avatar or sticker, before it is removed
    /// (also how long a removed message's or replaced avatar's file lingers).
    /// </summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);
}
