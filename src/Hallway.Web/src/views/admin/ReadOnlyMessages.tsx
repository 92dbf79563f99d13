import { t } from "../../i18n";
import type { Message, User } from "../../protocol/types";
import { Markdown } from "../Markdown";
import { bytes, dateTime } from "./format";

/**
 * Messages read by an admin who is not in the chat: text, names and times only. Files are listed
 * by name (their bytes stay for the chat's members), and nothing can be replied to or reacted to.
 */
export function ReadOnlyMessages({ messages, users, label, highlight }: { messages: Message[]; users: Map<number, User>; label: string; highlight?: number }) {
  return (
    <ol class="ro-messages" aria-label={label}>
      {messages.map((m) => (
        <li key={m.id} class={`ro-message${m.id === highlight ? " highlighted" : ""}`} data-message-id={m.id}>
          <div class="ro-meta">
            <strong>{users.get(m.senderId)?.displayName ?? "…"}</strong>
            <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>
            {m.editedAt && <span>{t("edited")}</span>}
          </div>
          {m.deleted ? (
            <em class="hint">{t("deleted")}</em>
          ) : (
            <>
              {m.sticker && <span class="hint">{t("previewSticker")}</span>}
              {m.text !== "" && <Markdown text={m.text} />}
              {m.attachments && m.attachments.length > 0 && (
                <ul class="ro-files">
                  {m.attachments.map((a) => <li key={a.id}>📎 {a.name} <small>({bytes(a.size)})</small></li>)}
                </ul>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
