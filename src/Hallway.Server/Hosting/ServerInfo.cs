namespace Hallway.Server.Hosting;

/// <summary>Facts about this run of the server, for the admins' status page.</summary>
public sealed record ServerInfo(DateTimeOffset StartedAt);
