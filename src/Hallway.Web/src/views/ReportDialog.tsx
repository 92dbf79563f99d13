import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { reportMessage } from "../protocol/account";
import type { Message } from "../protocol/types";
import { showToast } from "../state/toasts";
import { errorText } from "./errors";
import { messagePreview } from "./names";

/** Reporting someone's message to the admins: a reason, then a thank-you toast. */
export function ReportDialog({ message, onClose }: { message: Message; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => dialog.current?.showModal(), []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await reportMessage(message.id, reason);
      dialog.current?.close();
      showToast(t("reportSent"));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="dialog" onClose={onClose} aria-labelledby="report-title" aria-modal="true">
      <form class="new-group" onSubmit={submit}>
        <h2 id="report-title">{t("reportTitle")}</h2>
        <blockquote class="reply-quote">{messagePreview(message).slice(0, 200)}</blockquote>
        <p class="hint">{t("reportHelp")}</p>
        <label>
          {t("reportReason")}
          <textarea required autoFocus rows={3} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="form-buttons">
          <button type="submit" class="primary" disabled={busy}>{t("sendReport")}</button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>{t("cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
