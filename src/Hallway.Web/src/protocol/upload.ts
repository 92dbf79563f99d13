// File uploads: POST /api/files as multipart/form-data. XMLHttpRequest rather than fetch because
// only XHR reports upload progress; the answer and errors have the same shapes as api.ts's.

import { ApiError } from "./api";
import type { FileView } from "./types";

export interface Upload {
  /** Resolves with the stored file, or rejects with an ApiError (code "cancelled" after abort()). */
  done: Promise<FileView>;
  abort(): void;
}

/** Uploads one file, with an optional client-made preview image (the server checks it). */
export function uploadFile(file: Blob, name: string, preview: Blob | null, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileView>((resolve, reject) => {
    xhr.open("POST", "/api/files");
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: any;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(json as FileView);
      } else {
        // A proxy or the server's own body limit can answer 413 without our JSON.
        const code = json?.code ?? (xhr.status === 413 ? "file_too_large" : "error");
        reject(new ApiError(xhr.status, code, json?.detail ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The server cannot be reached."));
    xhr.onabort = () => reject(new ApiError(0, "cancelled", "Cancelled."));
    const form = new FormData();
    form.append("file", file, name);
    if (preview) form.append("preview", preview, preview.type === "image/webp" ? "preview.webp" : "preview.jpg");
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

export const fileUrl = (id: number) => `/api/files/${id}`;
export const previewUrl = (id: number) => `/api/files/${id}/preview`;
