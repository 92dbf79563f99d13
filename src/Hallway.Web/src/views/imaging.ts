// Image work done in the browser before upload, so the server never decodes images: the preview
// (longest side ≤ 320 px) for attachments, and the square 256 px avatar.

export const PreviewSide = 320;
export const AvatarSide = 256;
/** The server refuses previews above 256 KiB; stay well under it. */
const PreviewBudget = 200 * 1024;

/** Image types the server recognises as images (by their bytes); others are sent as plain files. */
export const isImageType = (type: string) => /^image\/(png|jpeg|gif|webp)$/.test(type);

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  if ("createImageBitmap" in window) {
    try {
      return await createImageBitmap(file);
    } catch {
      // Fall through to <img>, which copes with a few more cases (and reports the failure).
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const sizeOf = (img: ImageBitmap | HTMLImageElement) => ("naturalWidth" in img ? { w: img.naturalWidth, h: img.naturalHeight } : { w: img.width, h: img.height });

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/** Encodes as WebP when the browser can (smaller), else JPEG, lowering quality to fit the budget. */
async function encode(canvas: HTMLCanvasElement, budget: number): Promise<Blob | null> {
  for (const quality of [0.82, 0.7, 0.55]) {
    for (const type of ["image/webp", "image/jpeg"]) {
      const blob = await toBlob(canvas, type, quality);
      if (blob && blob.type === type && blob.size <= budget) return blob;
    }
  }
  return null;
}

export interface Prepared {
  width: number;
  height: number;
  preview: Blob | null;
}

/** Reads an image's size and draws its preview; null when the browser cannot decode it. */
export async function preparePreview(file: Blob): Promise<Prepared | null> {
  let img: ImageBitmap | HTMLImageElement;
  try {
    img = await decode(file);
  } catch {
    return null;
  }
  const { w, h } = sizeOf(img);
  if (w === 0 || h === 0) return null;
  const scale = Math.min(1, PreviewSide / Math.max(w, h));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const ctx = canvas.getContext("2d")!;
  // JPEG has no transparency: paint white under transparent PNGs instead of black.
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return { width: w, height: h, preview: await encode(canvas, PreviewBudget) };
}

/** Crops the centre square and scales it to 256 px: what avatars are stored as. */
export async function squareAvatar(file: Blob): Promise<Blob> {
  const img = await decode(file);
  const { w, h } = sizeOf(img);
  const side = Math.min(w, h);
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = Math.min(AvatarSide, side);
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, (w - side) / 2, (h - side) / 2, side, side, 0, 0, canvas.width, canvas.height);
  const blob = (await toBlob(canvas, "image/webp", 0.85)) ?? (await toBlob(canvas, "image/jpeg", 0.85));
  if (!blob) throw new Error("encode");
  return blob;
}

/** "1.4 MB" in the reader's language (units stay SI symbols). */
export function formatSize(bytes: number, locale: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
