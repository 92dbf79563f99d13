import { useState } from "preact/hooks";
import { t } from "../i18n";

/** A destructive action asked about in place (no window.confirm): the first press shows the question. */
export function ConfirmButton({ label, question, onConfirm }: { label: string; question: string; onConfirm(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" class="danger" onClick={() => setAsking(true)}>{label}</button>;
  return (
    <div class="confirm" role="alertdialog" aria-label={label}>
      <p>{question}</p>
      <button type="button" class="danger" autoFocus onClick={() => (setAsking(false), onConfirm())}>{t("confirm")}: {label}</button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>{t("cancel")}</button>
    </div>
  );
}
