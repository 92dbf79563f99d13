import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import type { Message } from "../protocol/types";
import { edit, send, typing } from "../state/session";

/** Enter sends, Shift+Enter makes a new line. Replying and editing show above the box. */
export function Composer({ chatId, replyTo, editing, onDone, replyName }: { chatId: number; replyTo: Message | null; editing: Message | null; onDone(): void; replyName: string }) {
  const [text, setText] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText(editing ? editing.text : "");
    box.current?.focus();
  }, [editing, replyTo, chatId]);

  function submit() {
    const value = text.trim();
    if (value.length === 0) return;
    if (editing) void edit(editing.id, value);
    else send(chatId, value, replyTo?.id ?? null);
    setText("");
    onDone();
  }

  return (
    <form class="composer" onSubmit={(e) => (e.preventDefault(), submit())}>
      {(replyTo || editing) && (
        <div class="composer-context">
          <span>{editing ? t("editing") : t("replyingTo", { name: replyName })}</span>
          <button type="button" class="icon-button" aria-label={t("cancel")} onClick={onDone}>✕</button>
        </div>
      )}
      <textarea
        ref={box}
        rows={1}
        aria-label={t("typeMessage")}
        placeholder={t("typeMessage")}
        maxLength={4000}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          typing(chatId);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="primary send" aria-label={t("send")} disabled={text.trim().length === 0}>
        ➤
      </button>
    </form>
  );
}
