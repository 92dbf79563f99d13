import { t } from "../i18n";
import type { ChatSummary, Message } from "../protocol/types";
import { getState } from "../state/store";
import { chatTitle, messagePreview } from "./names";

/** The tab title carries the unread count, so a background tab still tells. */
export function unreadTitle(chats: Map<number, ChatSummary>): string {
  const unread = [...chats.values()].filter((c) => !c.muted).reduce((sum, c) => sum + c.unreadCount, 0);
  return unread > 0 ? `(${unread}) ${t("appName")}` : t("appName");
}

/**
 * Whether this page can show browser notifications. The Notification API works only in a secure
 * context (HTTPS or localhost); on plain HTTP at a LAN address Chromium keeps the constructor but
 * refuses every permission, so Settings says why instead of offering a button that cannot work.
 */
export type NotificationSupport = "insecure" | "unsupported" | NotificationPermission;

export function notificationSupport(): NotificationSupport {
  if (!window.isSecureContext) return "insecure";
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.permission;
}

/** A browser notification for a new message while the tab is hidden, unless the chat is muted. */
export function notifyIncoming(m: Message): void {
  if (document.visibilityState === "visible" || !window.isSecureContext || typeof Notification === "undefined") return;
  const state = getState();
  const chat = state.chats.get(m.chatId);
  if (!chat || chat.muted) return;
  if (Notification.permission === "default") {
    void Notification.requestPermission();
    return;
  }

  if (Notification.permission !== "granted") return;
  const sender = state.users.get(m.senderId)?.displayName ?? "";
  const title = chat.chat.kind === "direct" ? sender : `${chatTitle(chat, state.users)}: ${sender}`;
  const note = new Notification(title, { body: messagePreview(m).slice(0, 200), tag: `chat-${m.chatId}` });
  note.onclick = () => {
    focus();
    location.assign(`/chats/${m.chatId}`);
  };
}
