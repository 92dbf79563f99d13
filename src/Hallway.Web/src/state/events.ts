// How each log event changes the state. Every case is idempotent: an event can meet a snapshot
// that already contains it (snapshots are loaded after the socket goes live).

import type { ChatSummary, HallwayEvent, Message, Privacy } from "../protocol/types";
import { mergeMessages, type State } from "./store";

export function applyEvent(s: State, e: HallwayEvent, isOpen: (chatId: number) => boolean): "reload-chat" | "removed" | null {
  const p = e.payload;
  switch (e.type) {
    case "message.created":
      return messageCreated(s, p.message as Message, isOpen);
    case "message.edited":
      replaceMessage(s, p.message as Message);
      return null;
    case "message.deleted": {
      const list = s.messages.get(p.chatId);
      const old = list?.find((m) => m.id === p.messageId);
      if (old) replaceMessage(s, { ...old, text: "", deleted: true, deletedAt: e.at, deletedBy: p.deletedBy, reactions: [] });
      return null;
    }
    case "reaction.added":
    case "reaction.removed": {
      const list = s.messages.get(p.chatId);
      const old = list?.find((m) => m.id === p.messageId);
      if (old) replaceMessage(s, { ...old, reactions: react(old, p.emoji, p.userId, e.type === "reaction.added") });
      return null;
    }
    case "read.updated": {
      const reads = new Map(s.reads.get(p.chatId) ?? []);
      reads.set(p.userId, Math.max(reads.get(p.userId) ?? 0, p.seq));
      s.reads = new Map(s.reads).set(p.chatId, reads);
      if (p.userId === s.me?.id) {
        const chat = s.chats.get(p.chatId);
        if (chat && p.seq > chat.readSeq) {
          const unread = (s.messages.get(p.chatId) ?? []).filter((m) => m.seq > p.seq && m.senderId !== s.me?.id && !m.deleted).length;
          putChat(s, { ...chat, readSeq: p.seq, unreadCount: Math.min(chat.unreadCount, unread) });
        }
      }
      return null;
    }
    case "chat.created":
    case "chat.updated":
    case "member.joined":
    case "member.left":
    case "member.role":
    case "chat.unhidden":
      return "reload-chat";
    case "chat.removed":
    case "chat.hidden": {
      const chats = new Map(s.chats);
      chats.delete(p.chatId);
      s.chats = chats;
      return "removed";
    }
    case "chat.muted": {
      const chat = s.chats.get(p.chatId);
      if (chat) putChat(s, { ...chat, muted: p.muted });
      return null;
    }
    case "user.updated":
      s.users = new Map(s.users).set(p.user.id, { ...s.users.get(p.user.id), ...p.user });
      if (p.user.id === s.me?.id) s.me = { ...s.me, ...p.user };
      return null;
    case "privacy.updated":
      s.privacy = { whoCanMessage: p.whoCanMessage, whoCanFind: p.whoCanFind } satisfies Privacy;
      return null;
    default:
      return null;
  }
}

function messageCreated(s: State, m: Message, isOpen: (chatId: number) => boolean): "reload-chat" | null {
  s.messages = new Map(s.messages).set(m.chatId, mergeMessages(s.messages.get(m.chatId), [m]));
  if (m.senderId === s.me?.id && s.outgoing.has(m.clientId)) {
    const outgoing = new Map(s.outgoing);
    outgoing.delete(m.clientId);
    s.outgoing = outgoing;
  }

  const typing = s.typing.get(m.chatId);
  if (typing?.has(m.senderId)) {
    const next = new Map(typing);
    next.delete(m.senderId);
    s.typing = new Map(s.typing).set(m.chatId, next);
  }

  const chat = s.chats.get(m.chatId);
  if (!chat) return "reload-chat";
  const fresh = m.seq > chat.chat.lastSeq; // not already counted by the snapshot
  const mine = m.senderId === s.me?.id;
  putChat(s, {
    ...chat,
    chat: { ...chat.chat, lastSeq: Math.max(chat.chat.lastSeq, m.seq) },
    lastMessage: !chat.lastMessage || m.seq >= chat.lastMessage.seq ? m : chat.lastMessage,
    readSeq: mine ? Math.max(chat.readSeq, m.seq) : chat.readSeq,
    unreadCount: fresh && !mine && !isOpen(m.chatId) ? chat.unreadCount + 1 : mine ? 0 : chat.unreadCount,
  });
  return null;
}

function replaceMessage(s: State, m: Message): void {
  const list = s.messages.get(m.chatId);
  if (list) s.messages = new Map(s.messages).set(m.chatId, mergeMessages(list, [m]));
  const chat = s.chats.get(m.chatId);
  if (chat?.lastMessage?.id === m.id) putChat(s, { ...chat, lastMessage: m });
}

function react(m: Message, emoji: string, userId: number, add: boolean) {
  const reactions = m.reactions.map((r) => ({ ...r, userIds: [...r.userIds] }));
  let entry = reactions.find((r) => r.emoji === emoji);
  if (add) {
    if (!entry) reactions.push((entry = { emoji, userIds: [] }));
    if (!entry.userIds.includes(userId)) entry.userIds.push(userId);
  } else if (entry) {
    entry.userIds = entry.userIds.filter((u) => u !== userId);
  }
  return reactions.filter((r) => r.userIds.length > 0);
}

export function putChat(s: State, summary: ChatSummary): void {
  s.chats = new Map(s.chats).set(summary.chat.id, summary);
}
