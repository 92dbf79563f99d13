// Wire shapes of the Hallway protocol (docs/PROTOCOL.md). Field names match the JSON exactly.

export type ChatKind = "direct" | "group" | "channel" | "lobby";
export type MemberRole = "member" | "admin" | "owner";

export interface User {
  id: number;
  username: string;
  displayName: string;
  about: string;
  isAdmin: boolean;
  /** admin, teacher or student (docs/PROTOCOL.md, User). */
  role: "admin" | "teacher" | "student";
  createdAt: string;
  lastSeenAt: string | null;
  online?: boolean;
  /** The profile photo: a file shown at /api/files/{avatarId}; null shows initials. */
  avatarId?: number | null;
}

/** An uploaded file (docs/PROTOCOL.md, files). width/height are null unless isImage. */
export interface FileView {
  id: number;
  name: string;
  size: number;
  mediaType: string;
  isImage: boolean;
  width: number | null;
  height: number | null;
  hasPreview: boolean;
  createdAt: string;
}

export interface StickerSet {
  builtin: string[];
  custom: FileView[];
}

// Privacy settings (GET/PUT /api/me/privacy): seen only by their owner, never part of User.
export type WhoCanMessage = "everyone" | "contacts";
export type WhoCanFind = "everyone" | "contacts" | "nobody";

export interface Privacy {
  whoCanMessage: WhoCanMessage;
  whoCanFind: WhoCanFind;
}

export interface Reaction {
  emoji: string;
  userIds: number[];
}

export interface Message {
  id: number;
  chatId: number;
  seq: number;
  senderId: number;
  clientId: string;
  text: string;
  replyToId: number | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedBy: number | null;
  reactions: Reaction[];
  deleted: boolean;
  attachments?: FileView[];
  /** "builtin:NAME" or "file:ID"; a sticker message has no text and no attachments. */
  sticker?: string | null;
}

export interface Chat {
  id: number;
  kind: ChatKind;
  title: string;
  description: string;
  createdBy: number | null;
  createdAt: string;
  lastSeq: number;
  avatarId?: number | null;
}

export interface ChatSummary {
  chat: Chat;
  role: MemberRole;
  readSeq: number;
  muted: boolean;
  unreadCount: number;
  lastMessage: Message | null;
  peerId: number | null;
}

export interface ChatMember {
  userId: number;
  role: MemberRole;
  joinedAt: string;
  readSeq: number;
}

export interface HallwayEvent {
  id: number;
  type: string;
  chatId: number | null;
  userId: number | null;
  at: string;
  payload: any;
}

export interface TypingSignal {
  chatId: number;
  userId: number;
  expiresInMs: number;
}

export interface PresenceSignal {
  userId: number;
  online: boolean;
  lastSeenAt: string | null;
}

// Signing in and account security (docs/PROTOCOL.md §1.2, §4.1).
export interface AuthResponse {
  user: User;
  token: string;
  expiresAt: string;
}

/** The first step's answer for an account with two-factor sign-in: no session yet. */
export interface TwoFactorChallenge {
  twoFactorRequired: true;
  challenge: string;
  expiresAt: string;
}

export type RegistrationMode = "open" | "invite" | "closed";

export interface AccountSecurity {
  twoFactorEnabled: boolean;
  recoveryCodesLeft: number;
}

/** The pending TOTP secret, shown once: qrSvg is an SVG document to show as an image, never as markup. */
export interface TwoFactorSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export interface ResetLinkInfo {
  username: string;
  expiresAt: string;
}

/** A report of a message (POST /api/messages/{id}/report; the admin's list, §4.7). */
export interface Report {
  id: number;
  messageId: number;
  chatId: number;
  reporterId: number;
  reason: string;
  status: "open" | "resolved";
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: number | null;
  resolution: "dismiss" | "delete_message" | null;
  message: Message;
}
