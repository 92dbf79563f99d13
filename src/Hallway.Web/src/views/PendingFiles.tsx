import { language, t } from "../i18n";
import { formatSize } from "./imaging";
import { uploadErrorText } from "./uploadErrors";
import type { PendingFile } from "./usePendingFiles";
import { ApiError } from "../protocol/api";

/** The files waiting above the composer: thumbnail or name, progress, error, and a remove button. */
export function PendingFiles({ items, onRemove }: { items: PendingFile[]; onRemove(key: number): void }) {
  return (
    <ul class="pending-files" aria-label={t("attachments")}>
      {items.map((i) => (
        <li key={i.key} class={`pending-file ${i.state}`}>
          {i.thumb ? <img src={i.thumb} alt="" class="pending-thumb" /> : <span class="pending-icon" aria-hidden="true">📄</span>}
          <span class="pending-text">
            <span class="pending-name">{i.name}</span>
            {i.state === "error" ? (
              <span class="pending-error" role="alert">{uploadErrorText(new ApiError(0, i.error ?? "error", ""))}</span>
            ) : (
              <small>{formatSize(i.size, language)}</small>
            )}
            {i.state === "uploading" && <progress max={1} value={i.progress} aria-label={t("uploadingNamed", { name: i.name })} />}
          </span>
          <button type="button" class="icon-button" aria-label={i.state === "uploading" ? t("cancelUpload", { name: i.name }) : t("removeAttachment", { name: i.name })} onClick={() => onRemove(i.key)}>✕</button>
        </li>
      ))}
    </ul>
  );
}
