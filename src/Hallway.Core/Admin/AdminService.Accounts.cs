using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Security;

namespace Hallway.Core.Admin;

/// <summary>A new invite and its code, which is shown this once (only its hash is kept).</summary>
public sealed record CreatedInvite(Invite Invite, string Code);

/// <summary>Admin only: who may register (the mode and invites), and a way back for a lost second factor.</summary>
public sealed partial class AdminService
{
    public const int MaxInviteUses = 1000;
    public const int MaxInviteHours = 8760;

    /// <summary>The most invites the list shows, newest first.</summary>
    public const int InviteListLimit = 500;

    public Task<RegistrationMode> GetRegistrationAsync(Caller caller) =>
        store.ReadAsync(r =>
        {
            RequireAdmin(caller);
            return ServerSettings.Registration(r);
        });

    public Task<RegistrationMode> SetRegistrationAsync(Caller caller, RegistrationMode mode) =>
        store.WriteAsync(tx =>
        {
            RequireAdmin(caller);
            if (!Enum.IsDefined(mode))
            {
                throw Errors.BadRequest("Unknown registration mode.");
            }

            var before = ServerSettings.Registration(tx);
            tx.SetSetting(ServerSettings.RegistrationKey, ServerSettings.Name(mode));
            if (before != mode)
            {
                Audit.Write(tx, caller, AuditActions.RegistrationSet, AuditTargets.Settings, null, ("from", ServerSettings.Name(before)), ("to", ServerSettings.Name(mode)));
            }

            return mode;
        });

    /// <summary>
    /// An invite for <paramref name="maxUses"/> registrations within <paramref name="expiresInHours"/>,
    /// giving the student or teacher role. Not admin: an invite can be passed on, and admins are
    /// made by an admin who knows the person (<c>PUT /api/admin/users/{id}/role</c>).
    /// </summary>
    public Task<CreatedInvite> CreateInviteAsync(Caller caller, int maxUses, int expiresInHours, UserRole role)
    {
        RequireAdmin(caller);
        if (maxUses is < 1 or > MaxInviteUses)
        {
            throw Errors.Invalid("max_uses", $"An invite is good for 1 to {MaxInviteUses} registrations.");
        }

        if (expiresInHours is < 1 or > MaxInviteHours)
        {
            throw Errors.Invalid("expires_in_hours", $"An invite lasts 1 to {MaxInviteHours} hours (a year).");
        }

        if (role is not (UserRole.Student or UserRole.Teacher))
        {
            throw Errors.Invalid("role", "An invite gives the student or the teacher role; make admins with the role endpoint.");
        }

        var code = SecretCodes.NewInviteCode();
        return store.WriteAsync(tx =>
        {
            var id = tx.InsertInvite(new NewInvite(SecretCodes.InviteHash(code)!, role, maxUses, caller.Id, tx.Now, tx.Now.AddHours(expiresInHours)));
            Audit.Write(tx, caller, AuditActions.InviteCreated, AuditTargets.Invite, id, ("role", Names.Of(role)), ("maxUses", maxUses), ("expiresInHours", expiresInHours));
            return new CreatedInvite(tx.GetInvite(id)!, code);
        });
    }

    public Task<IReadOnlyList<Invite>> ListInvitesAsync(Caller caller) =>
        store.ReadAsync(r =>
        {
            RequireAdmin(caller);
            return r.ListInvites(InviteListLimit);
        });

    /// <summary>Stops the invite from admitting anyone more; accounts it made stay. Revoking twice is fine.</summary>
    public Task<Invite> RevokeInviteAsync(Caller caller, long inviteId) =>
        store.WriteAsync(tx =>
        {
            RequireAdmin(caller);
            var before = tx.GetInvite(inviteId) ?? throw Errors.InviteNotFound();
            tx.RevokeInvite(inviteId);
            if (before.RevokedAt is null)
            {
                Audit.Write(tx, caller, AuditActions.InviteRevoked, AuditTargets.Invite, inviteId);
            }

            return tx.GetInvite(inviteId)!;
        });

    /// <summary>
    /// Turns off someone's two-factor sign-in, for a person who lost both their phone and their
    /// recovery codes and came to an admin in person. Their recovery codes stay.
    /// </summary>
    public Task TurnOffTwoFactorAsync(Caller caller, long userId) =>
        store.WriteAsync(tx =>
        {
            RequireAdmin(caller);
            var user = tx.GetUser(userId) ?? throw Errors.UserNotFound();
            var removed = tx.DeleteTwoFactor(userId);
            Audit.Write(tx, caller, AuditActions.UserTwoFactorOff, AuditTargets.User, userId, ("username", user.Username));
            return removed;
        });
}
