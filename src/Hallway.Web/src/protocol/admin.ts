// The admin API (docs/PROTOCOL.md §4.7, §4.8): every call needs role "admin" (else 403 not_admin).

import { del, get, post, put } from "./api";
import type { Chat, ChatMember, Message, RegistrationMode, Report, User } from "./types";

export type Role = User["role"];
export const Roles: Role[] = ["student", "teacher", "admin"];
export type DirectMessagePolicy = "everyone" | "shared-groups" | "staff-only";

/** A UserView plus whether the account is disabled and signs in with two steps; text-gateway guests are listed too. */
export interface AdminUser extends User {
  disabled: boolean;
  isGuest: boolean;
  twoFactor: boolean;
}

export interface AdminGroup {
  chat: Chat;
  memberCount: number;
  /** null once a group has lost all its members. */
  ownerId: number | null;
}

export interface ChatReading {
  chat: Chat;
  members: ChatMember[];
  messages: Message[];
  hasMore: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** 0 is the operator (the server's command line). */
  actorId: number;
  actorName: string;
  action: string;
  /** user, chat, message, report, settings, invite; a newer server may add more. */
  targetType: string;
  targetId: number | null;
  detail: Record<string, unknown>;
}

export interface ServerStatus {
  version: string;
  startedAt: string;
  users: number;
  guests: number;
  disabledUsers: number;
  groups: number;
  messages: number;
  onlineNow: number;
  openSockets: { total: number; webSocket: number; text: number; school: number };
  /** Text gateway connections by state; openSockets.text is their total. */
  text: { total: number; signedIn: number; connecting: number };
  databaseBytes: number;
  filesBytes: number;
}

export interface Invite {
  id: number;
  role: "student" | "teacher";
  maxUses: number;
  usedCount: number;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: "active" | "expired" | "used_up" | "revoked";
}

export interface ResetLink {
  userId: number;
  url: string;
  absoluteUrl: string;
  token: string;
  expiresAt: string;
  /** An SVG document holding absoluteUrl: shown as an image, never inserted as markup. */
  qrSvg: string;
}

export interface Retention {
  messageDays: number;
  fileDays: number;
}

export interface UserFilter {
  query: string;
  role: Role | "";
  disabled: "" | "true" | "false";
  after: number | null;
  limit: number;
}

const query = (params: Record<string, string | number | null | undefined>) => {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") q.set(key, String(value));
  const text = q.toString();
  return text ? `?${text}` : "";
};

export const status = () => get<ServerStatus>("/api/admin/status");

// Accounts
export const listUsers = (f: UserFilter) => get<AdminUser[]>(`/api/admin/users${query({ query: f.query.trim(), role: f.role, disabled: f.disabled, after: f.after, limit: f.limit })}`);
export const createUser = (body: { username: string; password: string; displayName?: string; role: Role }) => post<User>("/api/admin/users", body);
export const setUserRole = (userId: number, role: Role) => put<User>(`/api/admin/users/${userId}/role`, { role });
export const disableUser = (userId: number) => post<AdminUser>(`/api/admin/users/${userId}/disable`);
export const enableUser = (userId: number) => post<AdminUser>(`/api/admin/users/${userId}/enable`);
export const setUserPassword = (userId: number, password: string) => post<void>(`/api/admin/users/${userId}/password`, { password });
export const removeUser = (userId: number) => del<void>(`/api/admin/users/${userId}`);
export const resetLink = (userId: number) => post<ResetLink>(`/api/admin/users/${userId}/reset-link`);
export const turnOffTwoFactor = (userId: number) => del<void>(`/api/admin/users/${userId}/2fa`);

// Groups and channels
export const listGroups = () => get<AdminGroup[]>("/api/admin/groups");
export const createGroup = (body: { title: string; kind: "group" | "channel"; description: string; ownerId: number | null; memberIds: number[] }) => post<AdminGroup>("/api/admin/groups", body);
export const setGroupMember = (chatId: number, userId: number, role: ChatMember["role"]) => put<ChatMember[]>(`/api/admin/groups/${chatId}/members/${userId}`, { role });
export const removeGroupMember = (chatId: number, userId: number) => del<void>(`/api/admin/groups/${chatId}/members/${userId}`);

/** A group's members, without joining it (PROTOCOL.md §4.7). */
export const groupMembers = (chatId: number) => get<ChatMember[]>(`/api/admin/groups/${chatId}/members`);

// Reports, moderation and the safeguarding view
export const listReports = (state: "open" | "resolved", before: number | null, limit = 50) => get<Report[]>(`/api/admin/reports${query({ status: state, before, limit })}`);
export const resolveReport = (reportId: number, action: "dismiss" | "delete_message") => post<Report>(`/api/admin/reports/${reportId}/resolve`, { action });
export const deleteMessage = (messageId: number) => del<Message>(`/api/admin/messages/${messageId}`);
/** Every call is written to the audit log as chat.viewed. */
export const readChat = (chatId: number, before: number | null, limit = 50) => get<ChatReading>(`/api/admin/chats/${chatId}/messages${query({ before, limit })}`);

export const audit = (before: number | null, limit = 50) => get<AuditEntry[]>(`/api/admin/audit${query({ before, limit })}`);

// Settings
export const registration = () => get<{ mode: RegistrationMode }>("/api/admin/settings/registration").then((r) => r.mode);
export const setRegistration = (mode: RegistrationMode) => put<{ mode: RegistrationMode }>("/api/admin/settings/registration", { mode }).then((r) => r.mode);
export const directMessages = () => get<{ policy: DirectMessagePolicy }>("/api/admin/settings/direct-messages").then((r) => r.policy);
export const setDirectMessages = (policy: DirectMessagePolicy) => put<{ policy: DirectMessagePolicy }>("/api/admin/settings/direct-messages", { policy }).then((r) => r.policy);
export const retention = () => get<Retention>("/api/admin/settings/retention");
export const setRetention = (r: Retention) => put<Retention>("/api/admin/settings/retention", r);

// Invites
export const listInvites = () => get<Invite[]>("/api/admin/invites");
export const createInvite = (body: { maxUses: number; expiresInHours: number; role: "student" | "teacher" }) => post<{ code: string; invite: Invite }>("/api/admin/invites", body);
export const revokeInvite = (inviteId: number) => del<Invite>(`/api/admin/invites/${inviteId}`);
