namespace Hallway.Core.Common;

/// <summary>The catalogue of error codes. Adding one here means adding it to docs/PROTOCOL.md.</summary>
public static class Errors
{
    public static HallwayException BadRequest(string message) => new("bad_request", ErrorKind.BadRequest, message);
    public static HallwayException Invalid(string field, string message) => new("invalid_" + field, ErrorKind.BadRequest, message);

    public static HallwayException Unauthorized() => new("unauthorized", ErrorKind.Unauthorized, "Sign in first: the session is missing, expired or revoked.");
    public static HallwayException BadCredentials() => new("bad_credentials", ErrorKind.Unauthorized, "Wrong username or password.");
    public static HallwayException WrongPassword() => new("wrong_password", ErrorKind.Forbidden, "The current password is wrong.");
    public static HallwayException AccountDisabled() => new("account_disabled", ErrorKind.Forbidden, "This account is disabled.");
    public static HallwayException UsernameTaken() => new("username_taken", ErrorKind.Conflict, "That username is taken.");

    public static HallwayException RegistrationClosed() => new("registration_closed", ErrorKind.Forbidden, "This server takes no new registrations: ask an admin for an account.");
    public static HallwayException InviteRequired() => new("invite_invalid", ErrorKind.Forbidden, "This server registers by invitation: enter an invite code.");
    public static HallwayException InviteInvalid() => new("invite_invalid", ErrorKind.Forbidden, "That invite code is unknown, expired, revoked or used up.");
    public static HallwayException InviteNotFound() => new("invite_not_found", ErrorKind.NotFound, "No such invite.");
    public static HallwayException ResetInvalid() => new("reset_invalid", ErrorKind.NotFound, "This reset link is unknown, expired or already used: ask an admin for a new one.");
    public static HallwayException ChallengeInvalid() => new("challenge_invalid", ErrorKind.Unauthorized, "This sign-in step expired or was already used: sign in again.");
    public static HallwayException BadCode() => new("bad_code", ErrorKind.Unauthorized, "Wrong or already used code.");
    public static HallwayException WrongCode() => new("wrong_code", ErrorKind.Forbidden, "The code is wrong or was already used.");
    public static HallwayException TwoFactorAlreadyEnabled() => new("two_factor_already_enabled", ErrorKind.Conflict, "Two-factor sign-in is already on: turn it off first.");
    public static HallwayException TwoFactorNotEnabled() => new("two_factor_not_enabled", ErrorKind.Conflict, "Two-factor sign-in is not on.");
    public static HallwayException TwoFactorNotSetUp() => new("two_factor_not_set_up", ErrorKind.Conflict, "Set up two-factor sign-in first: there is no pending secret to confirm.");

    /// <summary>For sign-ins that have no second step (the compatibility gateways); the text gateway shows the message as it is.</summary>
    public static HallwayException TwoFactorUnsupported() => new("two_factor_unsupported", ErrorKind.Forbidden, "Two-factor sign-in is on: use the web app");

    public static HallwayException MemberNotFound() => new("member_not_found", ErrorKind.NotFound, "That user is not a member of this chat.");
    public static HallwayException ContactNotFound() => new("contact_not_found", ErrorKind.NotFound, "That user is not in your contacts.");
    public static HallwayException CursorAhead() => new("cursor_ahead", ErrorKind.Conflict, "That event id is newer than any on this server: drop the cursor and load afresh.");
    public static HallwayException UserNotFound() => new("user_not_found", ErrorKind.NotFound, "No such user.");
    public static HallwayException SessionNotFound() => new("session_not_found", ErrorKind.NotFound, "No such session.");
    public static HallwayException ChatNotFound() => new("chat_not_found", ErrorKind.NotFound, "No such chat.");
    public static HallwayException MessageNotFound() => new("message_not_found", ErrorKind.NotFound, "No such message.");
    public static HallwayException ReplyNotFound() => new("reply_not_found", ErrorKind.BadRequest, "The message replied to is not in this chat.");

    public static HallwayException NotMember() => new("not_member", ErrorKind.Forbidden, "You are not a member of this chat.");
    public static HallwayException NotChatAdmin() => new("not_chat_admin", ErrorKind.Forbidden, "Only the chat's owner or admins may do that.");
    public static HallwayException NotOwner() => new("not_owner", ErrorKind.Forbidden, "Only the chat's owner may do that.");
    public static HallwayException NotYourMessage() => new("not_your_message", ErrorKind.Forbidden, "That message is not yours.");
    public static HallwayException PrivacyRestricted() => new("privacy_restricted", ErrorKind.Forbidden, "This user accepts direct messages only from their contacts.");
    public static HallwayException PolicyRestricted() => new("policy_restricted", ErrorKind.Forbidden, "This server's rules do not let students message each other directly here.");
    public static HallwayException LastAdmin() => new("last_admin", ErrorKind.Conflict, "The server's last admin stays an admin: make someone else admin first.");
    public static HallwayException NotAdmin() => new("not_admin", ErrorKind.Forbidden, "Only server admins may do that.");
    public static HallwayException CannotTargetSelf() => new("cannot_target_self", ErrorKind.Conflict, "Admins cannot disable or remove their own account: another admin can.");
    public static HallwayException GuestsFull() => new("guests_full", ErrorKind.Conflict, "Too many guests on this server, ask an admin!");
    public static HallwayException GuestsRateLimited() => new("guest_rate_limited", ErrorKind.RateLimited, "Too many new guests from your address, try again later!");
    public static HallwayException GuestAccount() => new("guest_account", ErrorKind.Conflict, "Guests have no password and no role: they sign in by name on the text gateway.");
    public static HallwayException ReportNotFound() => new("report_not_found", ErrorKind.NotFound, "No such report.");
    public static HallwayException AlreadyReported() => new("already_reported", ErrorKind.Conflict, "You have already reported this message; an admin will look at it.");
    public static HallwayException ReportResolved() => new("report_resolved", ErrorKind.Conflict, "That report was already resolved.");
    public static HallwayException ChannelReadOnly() => new("channel_read_only", ErrorKind.Forbidden, "Only the channel's admins post here.");
    public static HallwayException NotAllowedForChatKind(string what) => new("wrong_chat_kind", ErrorKind.BadRequest, what);
    public static HallwayException AlreadyMember() => new("already_member", ErrorKind.Conflict, "Already a member.");
    public static HallwayException MessageDeleted() => new("message_deleted", ErrorKind.Conflict, "The message was deleted.");

    public static HallwayException MessageEmpty() => new("message_empty", ErrorKind.BadRequest, "The message is empty.");
    public static HallwayException MessageTooLong(int max) => new("message_too_long", ErrorKind.TooLarge, $"The message is longer than {max} characters.");
    public static HallwayException FileNotFound() => new("file_not_found", ErrorKind.NotFound, "No such file.");
    public static HallwayException FileTooLarge(long max) => new("file_too_large", ErrorKind.ContentTooLarge, $"A file is at most {max} bytes.");
    public static HallwayException BadUpload(string message) => new("bad_upload", ErrorKind.BadRequest, message);
    public static HallwayException BadPreview(string message) => new("bad_preview", ErrorKind.BadRequest, message);
    public static HallwayException InvalidImage(string detail) => new("invalid_image", ErrorKind.BadRequest, "The file starts like a PNG, JPEG, GIF or WebP image but is malformed or cut short: " + detail);
    public static HallwayException NotAnImage() => new("not_an_image", ErrorKind.BadRequest, "That file is not a PNG, JPEG, GIF or WebP image.");

    public static HallwayException SignInLocked(TimeSpan wait) =>
        new("sign_in_locked", ErrorKind.RateLimited, $"Too many failed sign-ins: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} min.") { RetryAfter = wait };

    public static HallwayException RateLimited() => new("rate_limited", ErrorKind.RateLimited, "Too many requests: slow down.");
}
