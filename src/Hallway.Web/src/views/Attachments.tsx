import { useEffect, useRef, useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { FileView } from "../protocol/types";
import { fileUrl, previewUrl } from "../protocol/upload";
import { formatSize } from "./imaging";
import { stickerSrc } from "./Picker";

const MaxThumb = 280;

/** Thumbnail size from the recorded dimensions, so the space is reserved before the image loads. */
function thumbSize(f: FileView): { width: number; height: number } {
  const w = f.width ?? MaxThumb;
  const h = f.height ?? MaxThumb;
  const scale = Math.min(1, MaxThumb / Math.max(w, h));
  return { width: Math.max(48, Math.round(w * scale)), height: Math.max(48, Math.round(h * scale)) };
}

/** A message's files: images as thumbnails that open the viewer, other files as download rows. */
export function Attachments({ files }: { files: FileView[] }) {
  const [open, setOpen] = useState<FileView | null>(null);
  const images = files.filter((f) => f.isImage);
  const others = files.filter((f) => !f.isImage);
  return (
    <div class="attachments">
      {images.length > 0 && (
        <div class="attachment-images">
          {images.map((f) => {
            const size = thumbSize(f);
            return (
              <button key={f.id} type="button" class="attachment-image" aria-label={t("openImage", { name: f.name })} onClick={() => setOpen(f)} style={{ width: `${size.width}px`, aspectRatio: `${size.width} / ${size.height}` }}>
                <img src={f.hasPreview ? previewUrl(f.id) : fileUrl(f.id)} alt={f.name} width={size.width} height={size.height} loading="lazy" onError={(e) => fallBack(e.currentTarget, f)} />
              </button>
            );
          })}
        </div>
      )}
      {others.map((f) => (
        <a key={f.id} class="attachment-file" href={fileUrl(f.id)} download={f.name} aria-label={t("downloadNamed", { name: f.name })}>
          <span class="attachment-file-icon" aria-hidden="true">📄</span>
          <span class="attachment-file-text">
            <span class="attachment-file-name">{f.name}</span>
            <small>{formatSize(f.size, language)}</small>
          </span>
          <span class="attachment-file-download" aria-hidden="true">⬇</span>
        </a>
      ))}
      {open && <ImageViewer file={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

/** A missing preview falls back to the file itself, once. */
function fallBack(img: HTMLImageElement, f: FileView) {
  if (!img.src.endsWith(fileUrl(f.id))) img.src = fileUrl(f.id);
}

/** The full image over everything; Escape (the dialog's own cancel), the button or a click outside closes it. */
export function ImageViewer({ file, onClose }: { file: FileView; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="image-viewer" aria-label={file.name} onClose={onClose} onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
      <img src={fileUrl(file.id)} alt={file.name} width={file.width ?? undefined} height={file.height ?? undefined} />
      <div class="image-viewer-bar">
        <span>{file.name}</span>
        <a href={fileUrl(file.id)} download={file.name}>{t("download")}</a>
        <button type="button" class="icon-button" aria-label={t("close")} onClick={() => dialog.current?.close()}>✕</button>
      </div>
    </dialog>
  );
}

/** A sticker: big, without a bubble. Custom stickers are files; their preview is enough here. */
export function Sticker({ sticker }: { sticker: string }) {
  const name = sticker.startsWith("builtin:") ? sticker.slice(8) : "";
  return (
    <img class="sticker" src={stickerSrc(sticker)} alt={name ? t("stickerNamed", { name }) : t("sticker")} width={144} height={144}
      onError={(e) => sticker.startsWith("file:") && !e.currentTarget.src.endsWith(fileUrl(Number(sticker.slice(5)))) && (e.currentTarget.src = fileUrl(Number(sticker.slice(5))))} />
  );
}
