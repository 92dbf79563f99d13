// The signed-in session: connects the socket, loads snapshots, applies events, and offers the
// actions views call. Sends are optimistic: shown at once as "sending", confirmed by the event
// with the same clientId, or marked "failed" with a retry that reuses the clientId (no duplicate).

import { ApiError, del, get, post, put } from "../protocol/api";
import { RealtimeSocket, SocketError } from "../protocol/socket";
import type { Chat, ChatMember, ChatSummary, FileView, Message, Privacy, StickerSet, User } from "../protocol/types";
import { applyEvent, putChat } from "./events";
import { newClientId } from "./ids";
import { getState, mergeMessages, reset, update, type Outgoing } from "./store";

let socket: RealtimeSocket | null = null;
let cursor: number | null = null;
let openChat: number | null = null;
let notify: ((m: Message) => void) | null = null;

export function onIncoming(handler: (m: Message) => void): void {
  notify = handler;
}

export function setOpenChat(chatId: number | null): void {
  openChat = chatId;
}

const isOpen = (chatId: number) => openChat === chatId && document.visibilityState === "visible";

/**
 * Starts the session for the signed-in user (or returns false when there is none). It asks
 * /api/session, which answers 200 with a null user when signed out, so the first visit to the
 * sign-in page logs no failed request.
 */
export async function resume(): Promise<boolean> {
  const { user } = await get<{ user: User | null }>("/api/session");
  if (!user) return false;
  start(user);
  return true;
}

export function start(me: User): void {
  update((s) => {
    s.me = me;
    s.users = new Map(s.users).set(me.id, me);
  });
  cursor = null;
  socket = new RealtimeSocket(
    {
      event: (e) => {
        let follow: string | null = null;
        update((s) => (follow = applyEvent(s, e, isOpen)));
        if (e.type === "message.created" && e.payload.message.senderId !== me.id) notify?.(e.payload.message as Message);
        if (follow === "reload-chat" && e.chatId !== null) void reloadChat(e.chatId);
        if (follow === "reload-chat" && e.chatId === null && e.payload.chatId) void reloadChat(e.payload.chatId as number);
        // The info panel's member list follows joins, departures and role changes.
        if (e.type.startsWith("member.") && e.chatId !== null && getState().members.has(e.chatId)) void loadMembers(e.chatId);
      },
      typing: (t) =>
        update((s) => {
          const chat = new Map(s.typing.get(t.chatId) ?? []);
          chat.set(t.userId, Date.now() + t.expiresInMs);
          s.typing = new Map(s.typing).set(t.chatId, chat);
        }),
      presence: (p) =>
        update((s) => {
          const online = new Set(s.online);
          if (p.online) online.add(p.userId);
          else online.delete(p.userId);
          s.online = online;
          const user = s.users.get(p.userId);
          if (user && p.lastSeenAt) s.users = new Map(s.users).set(p.userId, { ...user, lastSeenAt: p.lastSeenAt });
        }),
      state: (connection) => {
        update((s) => (s.connection = connection));
        if (connection === "live") void loadSnapshots();
      },
      resync: () => void loadSnapshots(),
      signedOut: () => void signOut(false),
    },
    { get: () => cursor, set: (id) => (cursor = id) },
  );
  socket.start();
}

/** Chat list, presence and the open chat's newest page: loaded after every (re)connect. */
async function loadSnapshots(): Promise<void> {
  const [chats, presence] = await Promise.all([get<ChatSummary[]>("/api/chats"), get<{ online: number[] }>("/api/presence")]);
  update((s) => {
    s.chats = new Map(chats.map((c) => [c.chat.id, c]));
    s.online = new Set(presence.online);
  });
  await ensureUsers(chats.flatMap((c) => [c.peerId, c.lastMessage?.senderId]).filter((id): id is number => typeof id === "number"));
  if (openChat !== null) await loadNewest(openChat);
  await retryFailed();
}

async function reloadChat(chatId: number): Promise<void> {
  try {
    const summary = await get<ChatSummary>(`/api/chats/${chatId}`);
    update((s) => putChat(s, summary));
    if (summary.peerId) await ensureUsers([summary.peerId]);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
      update((s) => {
        const chats = new Map(s.chats);
        chats.delete(chatId);
        s.chats = chats;
      });
      return;
    }
    throw error;
  }
}

export async function ensureUsers(ids: number[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !getState().users.has(id));
  const users = await Promise.all(missing.map((id) => get<User>(`/api/users/${id}`).catch(() => null)));
  update((s) => {
    const map = new Map(s.users);
    for (const user of users) if (user) map.set(user.id, user);
    s.users = map;
  });
}

export async function loadNewest(chatId: number): Promise<void> {
  const page = await get<{ messages: Message[]; hasMore: boolean }>(`/api/chats/${chatId}/messages?limit=50`);
  update((s) => {
    s.messages = new Map(s.messages).set(chatId, mergeMessages(s.messages.get(chatId), page.messages));
    if (!s.hasOlder.has(chatId)) s.hasOlder = new Map(s.hasOlder).set(chatId, page.hasMore);
  });
  const members = await get<ChatMember[]>(`/api/chats/${chatId}/members`);
  update((s) => {
    s.reads = new Map(s.reads).set(chatId, new Map(members.map((m) => [m.userId, m.readSeq])));
    s.members = new Map(s.members).set(chatId, members);
  });
  await ensureUsers([...page.messages.map((m) => m.senderId), ...members.map((m) => m.userId)]);
}

/** The chat's members with their roles, and the people behind them. */
export async function loadMembers(chatId: number): Promise<void> {
  const members = await get<ChatMember[]>(`/api/chats/${chatId}/members`);
  update((s) => (s.members = new Map(s.members).set(chatId, members)));
  await ensureUsers(members.map((m) => m.userId));
}

export async function loadOlder(chatId: number): Promise<void> {
  const first = getState().messages.get(chatId)?.[0];
  if (!first || getState().hasOlder.get(chatId) === false) return;
  const page = await get<{ messages: Message[]; hasMore: boolean }>(`/api/chats/${chatId}/messages?before=${first.seq}&limit=50`);
  update((s) => {
    s.messages = new Map(s.messages).set(chatId, mergeMessages(s.messages.get(chatId), page.messages));
    s.hasOlder = new Map(s.hasOlder).set(chatId, page.hasMore);
  });
  await ensureUsers(page.messages.map((m) => m.senderId));
}

/**
 * Starts an optimistic send. Throws (before anything is shown) when it cannot start, so the
 * composer keeps the text and says why; a failure after that marks the bubble "failed".
 */
export function send(chatId: number, text: string, replyToId: number | null = null, attachments: FileView[] = [], sticker: string | null = null): void {
  if (!socket) throw new Error("not signed in");
  const outgoing: Outgoing = { clientId: newClientId(), chatId, text, replyToId, attachments, sticker, state: "sending", createdAt: new Date().toISOString() };
  update((s) => (s.outgoing = new Map(s.outgoing).set(outgoing.clientId, outgoing)));
  void deliver(outgoing);
}

export function retry(clientId: string): void {
  const outgoing = getState().outgoing.get(clientId);
  if (!outgoing) return;
  const again = { ...outgoing, state: "sending" as const, reason: undefined };
  update((s) => (s.outgoing = new Map(s.outgoing).set(clientId, again)));
  void deliver(again);
}

async function deliver(o: Outgoing): Promise<void> {
  try {
    const extra = { ...(o.attachments.length > 0 && { attachments: o.attachments.map((a) => a.id) }), ...(o.sticker && { sticker: o.sticker }) };
    const ok = await socket!.request<{ message: Message }>("send", { chatId: o.chatId, clientId: o.clientId, text: o.text, replyToId: o.replyToId, ...extra });
    update((s) => {
      s.messages = new Map(s.messages).set(o.chatId, mergeMessages(s.messages.get(o.chatId), [ok.message]));
      const outgoing = new Map(s.outgoing);
      outgoing.delete(o.clientId);
      s.outgoing = outgoing;
    });
  } catch (error) {
    const reason = error instanceof SocketError ? error.code : undefined;
    update((s) => s.outgoing.has(o.clientId) && (s.outgoing = new Map(s.outgoing).set(o.clientId, { ...o, state: "failed", reason })));
    // A refusal by the server (privacy_restricted...) is shown on the bubble; only the unexpected is thrown.
    if (!(error instanceof SocketError)) throw error;
  }
}

/** After a reconnect, sends that failed because the socket dropped are tried once more. */
async function retryFailed(): Promise<void> {
  for (const o of getState().outgoing.values()) if (o.state === "failed") retry(o.clientId);
}

export async function markRead(chatId: number): Promise<void> {
  const chat = getState().chats.get(chatId);
  const last = getState().messages.get(chatId)?.at(-1);
  if (!chat || !last || last.seq <= chat.readSeq || !socket?.isLive) return;
  update((s) => putChat(s, { ...chat, readSeq: last.seq, unreadCount: 0 }));
  await socket.request("read", { chatId, seq: last.seq }).catch(() => undefined);
}

let lastTyping = 0;
export function typing(chatId: number): void {
  if (Date.now() - lastTyping < 2500 || !socket?.isLive) return;
  lastTyping = Date.now();
  void socket.request("typing", { chatId }).catch(() => undefined);
}

export const edit = (messageId: number, text: string) => socket!.request<{ message: Message }>("edit", { messageId, text });
export const remove = (messageId: number) => socket!.request<{ message: Message }>("delete", { messageId });
export const react = (messageId: number, emoji: string, removeIt: boolean) => socket!.request("react", { messageId, emoji, remove: removeIt });

export async function openDirect(userId: number): Promise<number> {
  const summary = await post<ChatSummary>("/api/chats/direct", { userId });
  update((s) => putChat(s, summary));
  await ensureUsers([userId]);
  return summary.chat.id;
}

export async function createGroup(kind: "group" | "channel", title: string, description: string, memberIds: number[]): Promise<number> {
  const summary = await post<ChatSummary>("/api/chats", { kind, title, description, memberIds });
  update((s) => putChat(s, summary));
  return summary.chat.id;
}

export async function loadPrivacy(): Promise<void> {
  const privacy = await get<Privacy>("/api/me/privacy");
  update((s) => (s.privacy = privacy));
}

export async function savePrivacy(privacy: Privacy): Promise<void> {
  const saved = await put<Privacy>("/api/me/privacy", privacy);
  update((s) => (s.privacy = saved));
}

export const searchUsers = (q: string) => get<User[]>(`/api/users?q=${encodeURIComponent(q)}`);

// Avatars and custom stickers (docs/PROTOCOL.md). Avatar changes also arrive as user.updated /
// chat.updated events; applying the answer at once keeps the settings page from waiting for them.
export async function setMyAvatar(fileId: number | null): Promise<void> {
  const user = fileId === null ? await del<User>("/api/me/avatar") : await put<User>("/api/me/avatar", { fileId });
  update((s) => {
    s.me = { ...s.me!, ...user };
    s.users = new Map(s.users).set(user.id, { ...s.users.get(user.id), ...user });
  });
}

/** A group's or channel's photo (chat admins): the answer is the Chat, applied at once. */
export async function setChatAvatar(chatId: number, fileId: number | null): Promise<void> {
  const chat = fileId === null ? await del<Chat>(`/api/chats/${chatId}/avatar`) : await put<Chat>(`/api/chats/${chatId}/avatar`, { fileId });
  update((s) => {
    const summary = s.chats.get(chatId);
    if (summary && chat) putChat(s, { ...summary, chat: { ...summary.chat, ...chat } });
  });
}
export const listStickers = () => get<StickerSet>("/api/stickers");
export const addSticker = (fileId: number) => post<FileView>("/api/stickers", { fileId });
export const removeSticker = (fileId: number) => del(`/api/stickers/${fileId}`);

/** Set when the server ended the session (signed out elsewhere, disabled, a new password), for the sign-in page to say so. */
export const SignedOutKey = "hallway.signedOut";

export async function signOut(callServer = true): Promise<void> {
  if (!callServer) sessionStorage.setItem(SignedOutKey, "1");
  socket?.stop();
  socket = null;
  if (callServer) await post("/api/auth/logout").catch(() => undefined);
  reset();
  update((s) => (s.connection = "offline"));
  location.assign("/login");
}
