import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import type { StickerSet } from "../protocol/types";
import { previewUrl, uploadFile } from "../protocol/upload";
import { addSticker, listStickers, removeSticker } from "../state/session";
import { EmojiGroups } from "./emoji";
import { preparePreview } from "./imaging";
import { nudgeIntoViewport } from "./popover";
import { uploadErrorText } from "./uploadErrors";

type Tab = "emoji" | "stickers";

/** The composer's emoji and sticker panel. Escape closes it; arrow keys move within a grid. */
export function Picker({ onEmoji, onSticker, onClose }: { onEmoji(e: string): void; onSticker(sticker: string): void; onClose(): void }) {
  const [tab, setTab] = useState<Tab>("emoji");
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("[role=tab][aria-selected=true]")?.focus();
    // Clicking anywhere else closes the panel, as menus do.
    const away = (e: PointerEvent) => {
      const target = e.target as Node;
      if (panel.current && !panel.current.contains(target) && !(target as Element).closest?.(".picker-toggle")) onClose();
    };
    // Escape closes it wherever focus is (a removed sticker's button takes focus with it).
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      onClose();
    };
    // A narrow or short screen must not cut the panel off: it shrinks and shifts to fit.
    const fit = () => panel.current && nudgeIntoViewport(panel.current);
    document.addEventListener("pointerdown", away);
    document.addEventListener("keydown", escape);
    window.addEventListener("resize", fit);
    return () => {
      document.removeEventListener("pointerdown", away);
      document.removeEventListener("keydown", escape);
      window.removeEventListener("resize", fit);
    };
  }, []);

  useEffect(() => void (panel.current && nudgeIntoViewport(panel.current)), [tab]);

  function onKeyDown(e: KeyboardEvent) {
    const grid = (e.target as HTMLElement).closest(".picker-grid");
    const arrows: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -8, ArrowDown: 8 };
    if (grid && e.key in arrows) {
      const cells = [...panel.current!.querySelectorAll<HTMLButtonElement>(".picker-grid .picker-cell")];
      const at = cells.indexOf(e.target as HTMLButtonElement);
      const next = cells[Math.min(cells.length - 1, Math.max(0, at + arrows[e.key]!))];
      if (at >= 0 && next) {
        e.preventDefault();
        next.focus();
      }
    }
  }

  return (
    <div class="picker" ref={panel} role="dialog" aria-label={t("emojiAndStickers")} onKeyDown={onKeyDown}>
      <div class="picker-tabs" role="tablist">
        {(["emoji", "stickers"] as const).map((name) => (
          <button key={name} type="button" role="tab" id={`picker-tab-${name}`} aria-selected={tab === name} aria-controls={`picker-panel-${name}`} onClick={() => setTab(name)}>
            {t(name === "emoji" ? "emojiTab" : "stickersTab")}
          </button>
        ))}
      </div>
      <div class="picker-body" role="tabpanel" id={`picker-panel-${tab}`} aria-labelledby={`picker-tab-${tab}`}>
        {tab === "emoji" ? <EmojiPanel onEmoji={onEmoji} /> : <StickerPanel onSticker={onSticker} />}
      </div>
    </div>
  );
}

function EmojiPanel({ onEmoji }: { onEmoji(e: string): void }) {
  return (
    <>
      {EmojiGroups.map((g) => (
        <section key={g.label} aria-label={t(g.label)}>
          <h3 class="picker-heading">{t(g.label)}</h3>
          <div class="picker-grid emoji-grid">
            {g.emoji.map((e) => (
              <button key={e} type="button" class="picker-cell" aria-label={e} onClick={() => onEmoji(e)}>{e}</button>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

export const stickerSrc = (sticker: string) => (sticker.startsWith("builtin:") ? `/stickers/${sticker.slice(8)}.svg` : previewUrl(Number(sticker.slice(5))));

function StickerPanel({ onSticker }: { onSticker(sticker: string): void }) {
  const [set, setSet] = useState<StickerSet | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const load = () => void listStickers().then(setSet, () => setNote(t("stickersUnavailable")));
  useEffect(load, []);

  async function add(file: File) {
    setBusy(true);
    setNote(null);
    try {
      const prepared = await preparePreview(file);
      if (!prepared) throw new Error("not_an_image");
      const stored = await uploadFile(file, file.name, prepared.preview, () => undefined).done;
      await addSticker(stored.id);
      load();
    } catch (error) {
      setNote(uploadErrorText(error));
    } finally {
      setBusy(false);
    }
  }

  if (!set) return <p class="form-note" role="status">{note ?? t("loading")}</p>;
  return (
    <>
      <div class="picker-grid sticker-grid">
        {set.builtin.map((name) => (
          <button key={name} type="button" class="picker-cell sticker-cell" aria-label={t("stickerNamed", { name })} onClick={() => onSticker(`builtin:${name}`)}>
            <img src={stickerSrc(`builtin:${name}`)} alt="" width={64} height={64} />
          </button>
        ))}
      </div>
      <h3 class="picker-heading">{t("myStickers")}</h3>
      <div class="picker-grid sticker-grid">
        {set.custom.map((f) => (
          <span key={f.id} class="custom-sticker">
            <button type="button" class="picker-cell sticker-cell" aria-label={t("stickerNamed", { name: f.name })} onClick={() => onSticker(`file:${f.id}`)}>
              <img src={stickerSrc(`file:${f.id}`)} alt="" width={64} height={64} />
            </button>
            <button type="button" class="remove-sticker" aria-label={t("removeSticker", { name: f.name })} onClick={() => void removeSticker(f.id).then(() => (addButton.current?.focus(), load()), (e) => setNote(uploadErrorText(e)))}>✕</button>
          </span>
        ))}
        <button ref={addButton} type="button" class="picker-cell sticker-cell add-sticker" aria-label={t("addSticker")} title={t("addSticker")} disabled={busy} onClick={() => input.current?.click()}>+</button>
      </div>
      <input ref={input} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden aria-label={t("addSticker")} onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = "";
        if (file) void add(file);
      }} />
      <p class="form-note" role="status">{busy ? t("uploading") : note}</p>
    </>
  );
}
