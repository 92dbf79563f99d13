import { formatDay, formatTime, t } from "../i18n";
import type { ChatSummary, Message, User } from "../protocol/types";

export function chatTitle(c: ChatSummary, users: Map<number, User>): string {
  if (c.chat.kind === "direct") return c.peerId !== null ? (users.get(c.peerId)?.displayName ?? "…") : "…";
  if (c.chat.kind === "lobby") return t("lobby");
  return c.chat.title;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

/** A stable hue per id, so each person and group keeps its colour. */
export function hue(id: number): number {
  return (id * 137) % 360;
}

/** A message in one line: its text, or what it carries when it has none (a caption wins over "Photo"). */
export function messagePreview(m: Message): string {
  if (m.sticker) return t("previewSticker");
  if (m.text !== "" || !m.attachments || m.attachments.length === 0) return m.text;
  return m.attachments.every((a) => a.isImage) ? t("previewPhoto") : t("previewFile");
}

/** "online", or when the person was last seen. */
export function presenceText(user: User, online: Set<number>): string {
  if (online.has(user.id)) return t("online");
  return user.lastSeenAt ? t("lastSeen", { time: `${formatDay(user.lastSeenAt)} ${formatTime(user.lastSeenAt)}` }) : t("offline");
}
