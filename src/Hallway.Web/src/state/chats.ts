// Managing a group or channel from its info panel: title and description, members and roles,
// leaving, and hiding a direct chat. The server's events (chat.updated, member.*, chat.removed,
// chat.hidden) update every other tab and person; here the caller's own view is updated at once.

import { del, patch, post, put } from "../protocol/api";
import type { Chat, ChatMember, MemberRole } from "../protocol/types";
import { putChat } from "./events";
import { ensureUsers, loadMembers } from "./session";
import { getState, update } from "./store";

export async function updateChat(chatId: number, title: string, description: string): Promise<void> {
  const chat = await patch<Chat>(`/api/chats/${chatId}`, { title, description });
  const summary = getState().chats.get(chatId);
  if (summary) update((s) => putChat(s, { ...summary, chat: { ...summary.chat, ...chat } }));
}

export async function addMembers(chatId: number, userIds: number[]): Promise<void> {
  const members = await post<ChatMember[]>(`/api/chats/${chatId}/members`, { userIds });
  update((s) => (s.members = new Map(s.members).set(chatId, members)));
  await ensureUsers(userIds);
}

export async function removeMember(chatId: number, userId: number): Promise<void> {
  await del(`/api/chats/${chatId}/members/${userId}`);
  await loadMembers(chatId);
}

export async function setRole(chatId: number, userId: number, role: Exclude<MemberRole, "owner">): Promise<void> {
  await put(`/api/chats/${chatId}/members/${userId}/role`, { role });
  await loadMembers(chatId);
}

export async function setMuted(chatId: number, muted: boolean): Promise<void> {
  await put(`/api/chats/${chatId}/mute`, { muted });
  const summary = getState().chats.get(chatId);
  if (summary) update((s) => putChat(s, { ...summary, muted }));
}

/** Leaving a group/channel (remove yourself) or hiding a direct chat: either way it leaves the list. */
export async function leaveOrHide(chatId: number): Promise<void> {
  const summary = getState().chats.get(chatId);
  const me = getState().me!;
  if (summary?.chat.kind === "direct") await del(`/api/chats/${chatId}`);
  else await del(`/api/chats/${chatId}/members/${me.id}`);
  update((s) => {
    const chats = new Map(s.chats);
    chats.delete(chatId);
    s.chats = chats;
  });
}
