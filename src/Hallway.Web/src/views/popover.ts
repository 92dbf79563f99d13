// Keeping menus and panels on screen. A popup placed by CSS alone (under its button, aligned to one
// side) runs off a phone's edge whenever its button is near the other one, and inside a scrolling
// list it is clipped besides. So an open menu is position: fixed, placed from its button's box:
// below it, or above when there is no room below, shifted sideways to stay inside the viewport,
// and never larger than the viewport (it scrolls inside instead).

const Margin = 8;
const Gap = 4;

const viewport = () => ({ width: document.documentElement.clientWidth, height: window.innerHeight });
const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/** Places a fixed popup beside its anchor, aligned to the anchor's start or end edge, inside the viewport. */
export function placeInViewport(popup: HTMLElement, anchor: HTMLElement, align: "start" | "end"): void {
  const { width, height } = viewport();
  const s = popup.style;
  s.position = "fixed";
  s.right = "auto";
  s.bottom = "auto";
  s.left = "0px";
  s.top = "0px";
  s.maxWidth = `${width - 2 * Margin}px`;
  s.maxHeight = `${height - 2 * Margin}px`;
  s.overflowY = "auto";
  const a = anchor.getBoundingClientRect();
  const w = popup.offsetWidth;
  const h = popup.offsetHeight;
  const left = clamp(align === "end" ? a.right - w : a.left, Margin, width - Margin - w);
  const below = a.bottom + Gap;
  const above = a.top - Gap - h;
  const top = below + h <= height - Margin ? below : above >= Margin ? above : clamp(below, Margin, height - Margin - h);
  s.left = `${left}px`;
  s.top = `${top}px`;
  // Tests (and styles) can tell a placed popup from one still where CSS put it.
  popup.dataset.placed = "true";
}

const following = new WeakMap<HTMLDetailsElement, () => void>();

/**
 * For a `<details>` menu's toggle event: places its popup (the element after the summary) while it
 * is open and again whenever the page scrolls or resizes; closes it when its button has scrolled
 * out of sight, since a menu hanging over nothing would act on a message the reader cannot see.
 */
export function onMenuToggle(details: HTMLDetailsElement, align: "start" | "end"): void {
  following.get(details)?.();
  following.delete(details);
  const summary = details.querySelector("summary");
  const popup = summary?.nextElementSibling as HTMLElement | null;
  if (popup) delete popup.dataset.placed;
  if (!details.open || !summary || !popup) return;

  const place = () => {
    if (!details.isConnected || !details.open) return stop();
    const a = summary.getBoundingClientRect();
    if (a.bottom < 0 || a.top > window.innerHeight) {
      details.open = false;
      return stop();
    }
    placeInViewport(popup, summary, align);
  };
  const stop = () => {
    window.removeEventListener("scroll", place, true);
    window.removeEventListener("resize", place);
    following.delete(details);
  };
  window.addEventListener("scroll", place, true);
  window.addEventListener("resize", place);
  following.set(details, stop);
  place();
}

/**
 * For a panel that CSS places (the composer's emoji and sticker picker): shrinks it to the
 * viewport and shifts it back inside when an edge would cut it.
 */
export function nudgeIntoViewport(panel: HTMLElement): void {
  const { width, height } = viewport();
  const s = panel.style;
  s.translate = "";
  s.maxWidth = `${width - 2 * Margin}px`;
  let r = panel.getBoundingClientRect();
  if (r.top < Margin) {
    // Above its anchor and taller than the room there: it gets shorter, not moved over the anchor.
    s.maxHeight = `${Math.max(r.bottom - Margin, 120)}px`;
    r = panel.getBoundingClientRect();
  }
  const dx = r.left < Margin ? Margin - r.left : r.right > width - Margin ? width - Margin - r.right : 0;
  const dy = r.top < Margin ? Margin - r.top : r.bottom > height - Margin ? height - Margin - r.bottom : 0;
  if (dx !== 0 || dy !== 0) s.translate = `${dx}px ${dy}px`;
}
