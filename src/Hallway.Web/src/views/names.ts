import { formatDay, formatTime, t } from "../i18n";
import type { ChatSummary, User } from "../protocol/types";

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

/** "online", or when the person was last seen. */
export function presenceText(user: User, online: Set<number>): string {
  if (online.has(user.id)) return t("online");
  return user.lastSeenAt ? t("lastSeen", { time: `${formatDay(user.lastSeenAt)} ${formatTime(user.lastSeenAt)}` }) : t("offline");
}
