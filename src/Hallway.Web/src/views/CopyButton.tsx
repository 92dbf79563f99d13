import { useState } from "preact/hooks";
import { t } from "../i18n";
import { copyText } from "./clipboard";

/** A copy button that says whether it worked (beside it, in a status line). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <span class="copy-button">
      <button type="button" class="secondary" onClick={() => void copyText(text).then((ok) => setNote(ok ? t("copied") : t("copyFailed")))}>{label}</button>
      <span class="form-note" role="status">{note}</span>
    </span>
  );
}
