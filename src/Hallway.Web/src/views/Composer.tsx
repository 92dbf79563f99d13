import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import type { Message } from "../protocol/types";
import { edit, send, typing } from "../state/session";
import { errorText } from "./errors";
import { PendingFiles } from "./PendingFiles";
import { Picker } from "./Picker";
import { usePendingFiles } from "./usePendingFiles";

/**
 * Enter sends, Shift+Enter makes a new line. Replying and editing show above the box. Files
 * (picked, pasted or dropped on the conversation) upload at once; a send waits for them.
 */
export function Composer({ chatId, replyTo, editing, onDone, replyName, dropped }: { chatId: number; replyTo: Message | null; editing: Message | null; onDone(): void; replyName: string; dropped?: { files: File[] } | null }) {
  const [text, setText] = useState("");
  const [picker, setPicker] = useState(false);
  /** Send pressed while uploads were still running: send as soon as they finish. */
  const [queued, setQueued] = useState(false);
  /** Why the last send or edit could not start (or was refused): shown until the next try. */
  const [problem, setProblem] = useState<string | null>(null);
  const files = usePendingFiles();
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setText(editing ? editing.text : "");
    box.current?.focus();
  }, [editing, replyTo, chatId]);

  // Another chat: what was attached here is not meant for it.
  useEffect(() => {
    files.clear();
    setQueued(false);
    setPicker(false);
    setProblem(null);
  }, [chatId]);

  useEffect(() => {
    if (dropped && !editing) files.add(dropped.files);
  }, [dropped]);

  const uploading = files.items.some((i) => i.state === "uploading");
  const failed = files.items.some((i) => i.state === "error");
  const canSend = !failed && (text.trim().length > 0 || files.items.length > 0);

  useEffect(() => {
    if (!queued) return;
    if (failed || files.items.length === 0 && text.trim() === "") setQueued(false);
    else if (!uploading) {
      setQueued(false);
      submit();
    }
  }, [queued, uploading, failed]);

  /**
   * Runs a send; anything it throws before the message is on its way (no session, a browser
   * without something it needs) is said here, and the text stays in the box. Never silent.
   */
  function started(run: () => void): boolean {
    try {
      run();
      setProblem(null);
      return true;
    } catch (error) {
      console.warn("send could not start", error);
      setProblem(t("sendCouldNotStart", { reason: errorText(error) }));
      return false;
    }
  }

  function submit() {
    const value = text.trim();
    if (editing) {
      if (value.length === 0) return;
      setProblem(null);
      edit(editing.id, value).catch((error: unknown) => setProblem(t("editFailed", { reason: errorText(error) })));
    } else {
      if (!canSend) return;
      if (uploading) return setQueued(true);
      const attachments = files.items.flatMap((i) => (i.file ? [i.file] : []));
      if (!started(() => send(chatId, value, replyTo?.id ?? null, attachments))) return;
      files.clear();
    }
    setText("");
    onDone();
  }

  function insertEmoji(emoji: string) {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    setText(next);
    // Put the caret after the emoji once Preact has written the new value.
    requestAnimationFrame(() => el?.setSelectionRange(start + emoji.length, start + emoji.length));
  }

  function sendSticker(sticker: string) {
    if (!started(() => send(chatId, "", null, [], sticker))) return;
    setPicker(false);
    box.current?.focus();
  }

  function onPaste(e: ClipboardEvent) {
    const pasted = [...(e.clipboardData?.files ?? [])];
    if (pasted.length === 0 || editing) return;
    e.preventDefault();
    files.add(pasted);
  }

  return (
    <form class="composer" onSubmit={(e) => (e.preventDefault(), submit())}>
      {(replyTo || editing) && (
        <div class="composer-context">
          <span>{editing ? t("editing") : t("replyingTo", { name: replyName })}</span>
          <button type="button" class="icon-button" aria-label={t("cancel")} onClick={onDone}>✕</button>
        </div>
      )}
      {files.items.length > 0 && <PendingFiles items={files.items} onRemove={files.remove} />}
      {queued && <p class="composer-note" role="status">{t("sendingAfterUploads")}</p>}
      {problem && <p class="composer-note composer-error" role="alert">{problem}</p>}
      {picker && <Picker onEmoji={insertEmoji} onSticker={sendSticker} onClose={() => (setPicker(false), box.current?.focus())} />}
      <div class="composer-tools">
        <button type="button" class="icon-button" aria-label={t("attachFiles")} title={t("attachFiles")} disabled={editing !== null} onClick={() => fileInput.current?.click()}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" fill="currentColor" /></svg>
        </button>
        <button type="button" class="icon-button picker-toggle" aria-label={t("emojiAndStickers")} title={t("emojiAndStickers")} aria-expanded={picker} onClick={() => setPicker(!picker)}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm-3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM12 17.5c2.3 0 4.3-1.4 5-3.5H7c.7 2.1 2.7 3.5 5 3.5z" fill="currentColor" /></svg>
        </button>
      </div>
      <input ref={fileInput} type="file" multiple hidden aria-label={t("attachFiles")} data-testid="attach-input" onChange={(e) => {
        files.add([...(e.currentTarget.files ?? [])]);
        e.currentTarget.value = "";
        box.current?.focus();
      }} />
      <textarea
        ref={box}
        rows={1}
        aria-label={t("typeMessage")}
        placeholder={files.items.length > 0 ? t("addCaption") : t("typeMessage")}
        maxLength={4000}
        value={text}
        onPaste={onPaste}
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
      <button type="submit" class="primary send" aria-label={t("send")} disabled={editing ? text.trim().length === 0 : !canSend || queued}>
        ➤
      </button>
    </form>
  );
}
