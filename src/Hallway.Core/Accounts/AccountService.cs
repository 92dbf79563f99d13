using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Security;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

public sealed record SignedIn(User User, string Token, long SessionId, DateTimeOffset ExpiresAt);

/// <summary>The answer to a right password: a session, or a challenge awaiting the second factor.</summary>
public sealed record LoginStep(SignedIn? SignedIn, string? Challenge, DateTimeOffset? ChallengeExpiresAt);

/// <summary>Registration, sign-in, sessions and passwords.</summary>
public sealed partial class AccountService(IHallwayStore store, IPasswordHasher hasher, HallwayLimits limits, SignInThrottle throttle, SignInChallenges challenges)
{
    // Refreshing the sliding expiry costs a write; doing it at most this often keeps reads cheap.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    // A real hash to verify against when the username is unknown, so timing does not tell.
    private readonly Lazy<string> _dummyHash = new(() => hasher.Hash(Guid.NewGuid().ToString()));

    /// <summary>Resolves a bearer or cookie token; null when missing, unknown, expired or disabled.</summary>
    public async Task<Caller?> AuthenticateAsync(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return null;
        }

        var hash = SessionTokens.Hash(token);
        var found = await store.ReadAsync(r => r.FindSession(hash));
        if (found is null || found.Disabled || found.ExpiresAt <= now)
        {
            return null;
        }

        if (now - found.LastUsedAt >= TouchInterval)
        {
            var expires = now + limits.SessionLifetime;
            await store.WriteAsync(tx =>
            {
                tx.TouchSession(found.SessionId, expires);
                return 0;
            });
        }

        return new Caller(found.User, found.SessionId);
    }

    public Task LogoutAsync(Caller caller) => RevokeAsync(caller.Id, [caller.SessionId]);

    public Task<IReadOnlyList<Session>> ListSessionsAsync(Caller caller) =>
        store.ReadAsync(r => r.ListSessions(caller.Id));

    public async Task RevokeSessionAsync(Caller caller, long sessionId)
    {
        var revoked = await RevokeAsync(caller.Id, [sessionId]);
        if (revoked.Count == 0)
        {
            throw Errors.SessionNotFound();
        }
    }

    /// <summary>Changes the password and signs out every other session of the user.</summary>
    public async Task ChangePasswordAsync(Caller caller, string? currentPassword, string? newPassword)
    {
        UsernameRules.ValidatePassword(newPassword);
        var credentials = await store.ReadAsync(r => r.GetCredentials(caller.Id)) ?? throw Errors.Unauthorized();
        if (currentPassword is null || hasher.Verify(credentials.PasswordHash, currentPassword) == PasswordCheck.Failed)
        {
            throw Errors.WrongPassword();
        }

        var hash = hasher.Hash(newPassword!);
        await store.WriteAsync(tx =>
        {
            tx.UpdatePasswordHash(caller.Id, hash);
            return RevokeInTx(tx, caller.Id, tx.OtherSessions(caller.Id, caller.SessionId));
        });
    }

    /// <summary>
    /// Deletes expired sessions as revocations, so a socket still open on one is closed too.
    /// Works in bounded batches to keep each write transaction short.
    /// </summary>
    public async Task<int> PurgeExpiredSessionsAsync()
    {
        var total = 0;
        while (true)
        {
            var purged = await store.WriteAsync(tx =>
            {
                var expired = tx.ExpiredSessions(500);
                foreach (var user in expired.GroupBy(e => e.UserId))
                {
                    RevokeInTx(tx, user.Key, [.. user.Select(e => e.SessionId)]);
                }

                return expired.Count;
            });
            total += purged;
            if (purged < 500)
            {
                return total;
            }
        }
    }

    private Task<IReadOnlyList<long>> RevokeAsync(long userId, IReadOnlyCollection<long> sessionIds) =>
        store.WriteAsync(tx => RevokeInTx(tx, userId, sessionIds));

    /// <summary>Deletes sessions and tells their open connections, through the log, to close.</summary>
    internal static IReadOnlyList<long> RevokeInTx(IWriteTx tx, long userId, IReadOnlyCollection<long> sessionIds)
    {
        var deleted = sessionIds.Count == 0 ? [] : tx.DeleteSessions(userId, sessionIds);
        if (deleted.Count > 0)
        {
            EventLog.ToUser(tx, userId, EventTypes.SessionRevoked, new SessionRevokedPayload(deleted), CoreJsonContext.Default.SessionRevokedPayload);
        }

        return deleted;
    }

    private SignedIn StartSession(IWriteTx tx, long userId, ClientInfo client)
    {
        var token = SessionTokens.Create();
        var expires = tx.Now + limits.SessionLifetime;
        var sessionId = tx.InsertSession(userId, SessionTokens.Hash(token), expires, Clip(client.UserAgent, 256), Clip(client.Address, 64));
        RevokeInTx(tx, userId, tx.SessionsBeyond(userId, limits.MaxSessionsPerUser));
        var user = tx.GetUser(userId)!;
        return new SignedIn(user, token, sessionId, expires);
    }

    private static void JoinLobby(IWriteTx tx, long userId, bool isAdmin)
    {
        var lobby = tx.GetLobby();
        if (lobby is null)
        {
            return;
        }

        var role = isAdmin ? MemberRole.Admin : MemberRole.Member;
        tx.InsertMember(lobby.Id, userId, role);
        EventLog.ToChat(tx, lobby.Id, EventTypes.MemberJoined, new MemberPayload(lobby.Id, userId, role, userId), CoreJsonContext.Default.MemberPayload);
    }

    private static string DisplayNameOr(string? displayName, string username) =>
        string.IsNullOrWhiteSpace(displayName) ? username : TextRules.RequireLine(displayName, "display_name", 1, 64);

    private static string? Clip(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>What the transport knows about the client, kept with the session for "your sessions".</summary>
public sealed record ClientInfo(string? UserAgent, string? Address);
