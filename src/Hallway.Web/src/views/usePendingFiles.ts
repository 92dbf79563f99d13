// The composer's attachments before sending: each file starts uploading as soon as it is picked
// (images first get their preview drawn), shows progress, can be cancelled, and keeps its error.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../protocol/api";
import type { FileView } from "../protocol/types";
import { uploadFile, type Upload } from "../protocol/upload";
import { isImageType, preparePreview } from "./imaging";

export const MaxAttachments = 10;

export interface PendingFile {
  key: number;
  name: string;
  size: number;
  /** An object URL of the preview (images only), for the chip's thumbnail. */
  thumb: string | null;
  progress: number;
  state: "uploading" | "done" | "error";
  /** An error code from the server (file_too_large, bad_upload...) or "network". */
  error: string | null;
  file: FileView | null;
}

let nextKey = 1;

export function usePendingFiles() {
  const [items, setItems] = useState<PendingFile[]>([]);
  const uploads = useRef(new Map<number, Upload>());
  /** Keys not removed yet: a file removed while its preview was drawn never starts uploading. */
  const alive = useRef(new Set<number>());

  const patchItem = (key: number, change: Partial<PendingFile>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  async function start(file: File, key: number) {
    let preview: Blob | null = null;
    if (isImageType(file.type)) {
      const prepared = await preparePreview(file);
      preview = prepared?.preview ?? null;
      if (preview) patchItem(key, { thumb: URL.createObjectURL(preview) });
    }
    if (!alive.current.has(key)) return;
    const upload = uploadFile(file, file.name || "file", preview, (progress) => patchItem(key, { progress }));
    uploads.current.set(key, upload);
    try {
      const stored = await upload.done;
      patchItem(key, { state: "done", progress: 1, file: stored });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "error";
      if (code !== "cancelled") patchItem(key, { state: "error", error: code });
    } finally {
      uploads.current.delete(key);
    }
  }

  function add(files: Iterable<File>) {
    const fresh: PendingFile[] = [];
    for (const file of files) {
      if (items.length + fresh.length >= MaxAttachments) break;
      const key = nextKey++;
      fresh.push({ key, name: file.name || "file", size: file.size, thumb: null, progress: 0, state: "uploading", error: null, file: null });
      alive.current.add(key);
      void start(file, key);
    }
    setItems((list) => [...list, ...fresh]);
  }

  function remove(key: number) {
    alive.current.delete(key);
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    setItems((list) => {
      const gone = list.find((i) => i.key === key);
      if (gone?.thumb) URL.revokeObjectURL(gone.thumb);
      return list.filter((i) => i.key !== key);
    });
  }

  /** After sending (the message shows the server's thumbnails) or leaving the chat. */
  function clear() {
    alive.current.clear();
    for (const u of uploads.current.values()) u.abort();
    for (const i of items) if (i.thumb) URL.revokeObjectURL(i.thumb);
    setItems([]);
  }

  // Leaving the chat abandons unfinished uploads.
  useEffect(() => () => {
    alive.current.clear();
    for (const u of uploads.current.values()) u.abort();
  }, []);

  return { items, add, remove, clear };
}
