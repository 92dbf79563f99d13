import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { formatDay, t } from "../i18n";
import type { Message } from "../protocol/types";
import { retry } from "../state/session";
import { Attachments, Sticker } from "./Attachments";
import type { Outgoing } from "../state/store";
import { HeightCache, indexAt, layout, windowFor } from "./windowing";

interface Props {
  messages: Message[];
  /** This chat's optimistic sends, shown after the confirmed messages. */
  outgoing: Outgoing[];
  hasOlder: boolean;
  meId: number;
  label: string;
  senderName(userId: number): string;
  /** One message's bubble; firstOfDay: a date separator stands above it. */
  renderMessage(m: Message, index: number, firstOfDay: boolean): ComponentChildren;
  loadOlder(): Promise<void>;
  /** Called while the newest message is on screen (the chat marks itself read). */
  onBottomVisible(): void;
}

/** Rendered beyond the viewport on each side, so fast scrolling rarely shows blank space. */
const Overscan = 800;
/** Within this many pixels of the bottom counts as "at the bottom" (the view follows new messages). */
const BottomSlack = 40;
/** Older history starts loading when the top of the view comes this close to the oldest loaded row. */
const LoadOlderWithin = 1200;

interface Anchor {
  key: string;
  /** The row's top minus the viewport's top, in pixels, when last seen. */
  delta: number;
}

/**
 * The messages of one chat, windowed: only the rows near the viewport are in the DOM, with
 * padding standing in for the rest, so a chat of ten thousand messages costs what one of fifty
 * does. Row heights are measured (after render and by a ResizeObserver) and cached by key.
 * Where the reader is stays put: at the bottom the view follows new messages; elsewhere the row
 * at the top of the viewport is the anchor, and every render puts it back where it was, so
 * prepending an older page or a row changing height never moves what the reader is looking at.
 */
export function MessageList(p: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const heights = useRef(new HeightCache(64)).current;
  const pinned = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const loading = useRef(false);
  const [atBottom, setAtBottom] = useState(true);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [, setVersion] = useState(0);
  const remeasured = () => setVersion((v) => v + 1);
  const [seenSeq, setSeenSeq] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const lastSeq = useRef<number | null>(null);
  const outgoingCount = useRef(p.outgoing.length);

  const keys = [...p.messages.map((m) => `m${m.id}`), ...p.outgoing.map((o) => `o${o.clientId}`)];

  // Where the viewport's top is in the list's coordinates: from the bottom when pinned, from
  // the anchor row otherwise (its offset may have moved since the last scroll event).
  let top = view.top;
  if (pinned.current) {
    top = layout(keys, heights).total - view.height;
  } else if (anchor.current) {
    const index = keys.indexOf(anchor.current.key);
    if (index >= 0) top = layout(keys, heights).offsets[index]! - anchor.current.delta;
  }
  const win = windowFor(keys, heights, Math.max(0, top), view.height, Overscan);
  const rendered = useRef({ keys, offsets: win.offsets });
  rendered.current = { keys, offsets: win.offsets };

  // After every render: measure the rendered rows, then put the reader back where they were.
  useLayoutEffect(() => {
    const box = scroller.current;
    const list = inner.current;
    if (!box || !list) return;
    let changed = false;
    for (const row of rowsOf(list)) changed = heights.set(row.dataset.key!, row.getBoundingClientRect().height) || changed;
    if (pinned.current) {
      box.scrollTop = box.scrollHeight;
    } else if (anchor.current) {
      const row = rowsOf(list).find((r) => r.dataset.key === anchor.current!.key);
      if (row) {
        const want = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - anchor.current.delta;
        if (Math.abs(box.scrollTop - want) >= 1) box.scrollTop = want;
      }
    }
    if (changed) remeasured();
  });

  // Rows change height after render too (reactions, edits, fonts, a narrower window).
  const observer = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    observer.current ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const key = (e.target as HTMLElement).dataset.key;
        if (key && (e.target as HTMLElement).isConnected) changed = heights.set(key, e.target.getBoundingClientRect().height) || changed;
        else if (e.target === scroller.current) setView((v) => ({ ...v, height: scroller.current!.clientHeight }));
      }
      if (changed) remeasured();
    });
    const now = new Set<Element>(inner.current ? rowsOf(inner.current) : []);
    if (scroller.current) now.add(scroller.current);
    for (const el of observed.current) if (!now.has(el)) observer.current.unobserve(el);
    for (const el of now) if (!observed.current.has(el)) observer.current.observe(el);
    observed.current = now;
  });
  useEffect(() => () => observer.current?.disconnect(), []);

  function onScroll() {
    const box = scroller.current!;
    const list = inner.current!;
    const bottom = box.scrollHeight - box.scrollTop - box.clientHeight < BottomSlack;
    pinned.current = bottom;
    setAtBottom(bottom);
    // The anchor is the row at the viewport's top: found in the DOM when it is rendered, else by
    // the layout last rendered (after a fast jump the viewport may show only the padding that
    // stands in for rows).
    const boxTop = box.getBoundingClientRect().top;
    const listTop = list.getBoundingClientRect().top - boxTop + box.scrollTop;
    const viewTop = box.scrollTop - listTop;
    const row = rowsOf(list).find((r) => r.getBoundingClientRect().bottom > boxTop);
    if (bottom) {
      anchor.current = null;
    } else if (row && row.getBoundingClientRect().top <= boxTop + 1) {
      anchor.current = { key: row.dataset.key!, delta: row.getBoundingClientRect().top - boxTop };
    } else {
      const { keys: known, offsets } = rendered.current;
      const index = indexAt(offsets, known.length, Math.max(0, viewTop));
      anchor.current = index < known.length ? { key: known[index]!, delta: offsets[index]! - viewTop } : null;
    }
    setView({ top: viewTop, height: box.clientHeight });
    if (p.hasOlder && !loading.current && viewTop < LoadOlderWithin) {
      loading.current = true;
      void p.loadOlder().finally(() => (loading.current = false));
    }
  }

  function jumpToLatest() {
    pinned.current = true;
    anchor.current = null;
    setAtBottom(true);
    remeasured();
    // The button goes away; keep keyboard focus in the list rather than losing it to the page.
    scroller.current?.focus();
  }

  // Sending something shows it: an optimistic bubble brings the view to the bottom.
  useLayoutEffect(() => {
    if (p.outgoing.length > outgoingCount.current) {
      pinned.current = true;
      anchor.current = null;
      setAtBottom(true);
    }
    outgoingCount.current = p.outgoing.length;
  }, [p.outgoing.length]);

  // While the newest message is on screen, everything is seen (and the chat is marked read).
  const last = p.messages.at(-1);
  useEffect(() => {
    if (atBottom && document.visibilityState === "visible") {
      setSeenSeq(last?.seq ?? 0);
      p.onBottomVisible();
    }
  }, [last?.seq, p.outgoing.length, atBottom]);

  // The log is not a live region (rows come and go as the reader scrolls, which a screen reader
  // would read out as news); a status line announces each new incoming message instead.
  useEffect(() => {
    if (!last) return;
    if (lastSeq.current !== null && last.seq > lastSeq.current && last.senderId !== p.meId) {
      setAnnouncement(t("newMessageFrom", { name: p.senderName(last.senderId) }));
    }
    lastSeq.current = last.seq;
  }, [last?.seq]);

  let unseen = 0;
  for (let i = p.messages.length - 1; i >= 0 && p.messages[i]!.seq > seenSeq; i--) if (p.messages[i]!.senderId !== p.meId) unseen++;

  const rows: ComponentChildren[] = [];
  for (let i = win.start; i < win.end; i++) {
    const key = keys[i]!;
    if (i < p.messages.length) {
      const m = p.messages[i]!;
      const day = formatDay(m.createdAt);
      const firstOfDay = i === 0 || formatDay(p.messages[i - 1]!.createdAt) !== day;
      rows.push(
        <div key={key} data-key={key} class="message-row">
          {firstOfDay && <div class="day-separator" role="separator"><span>{day}</span></div>}
          {p.renderMessage(m, i, firstOfDay)}
        </div>,
      );
    } else {
      const o = p.outgoing[i - p.messages.length]!;
      rows.push(
        <div key={key} data-key={key} class="message-row">
          <div class={`bubble mine pending ${o.state}${o.sticker ? " sticker-bubble" : ""}`}>
            {o.sticker && <Sticker sticker={o.sticker} />}
            {o.attachments.length > 0 && <Attachments files={o.attachments} />}
            {o.text !== "" && <div class="markdown">{o.text}</div>}
            <footer class="bubble-meta">
              {o.state === "failed" ? <button class="link" onClick={() => retry(o.clientId)}>{t(o.reason === "privacy_restricted" ? "privacyRestrictedSend" : "failed")}</button> : <span>{t("sending")}</span>}
            </footer>
          </div>
        </div>,
      );
    }
  }

  return (
    <>
      <div class="messages" ref={scroller} onScroll={onScroll} role="log" aria-live="off" aria-label={p.label} tabIndex={0}>
        {p.hasOlder && <p class="loading-older">{t("loadOlder")}</p>}
        <div class="message-window" ref={inner} data-count={keys.length} style={{ paddingTop: `${win.before}px`, paddingBottom: `${win.after}px` }}>
          {rows}
        </div>
      </div>
      <p class="visually-hidden" role="status">{announcement}</p>
      {!atBottom && (
        <button class="jump" aria-label={unseen > 0 ? `${t("jumpToBottom")}: ${t("newMessages", { count: unseen })}` : t("jumpToBottom")} onClick={jumpToLatest}>
          ↓ {unseen > 0 && t("newMessages", { count: unseen })}
        </button>
      )}
    </>
  );
}

const rowsOf = (list: HTMLElement) => [...list.children] as HTMLElement[];
