// Application state: chats, messages, people, presence, typing and the connection. Views read it
// through useStore; only the functions in this folder change it. No imports from views.

import type { ChatMember, ChatSummary, FileView, Message, Privacy, User } from "../protocol/types";
import type { Connection } from "../protocol/socket";

export interface Outgoing {
  clientId: string;
  chatId: number;
  text: string;
  replyToId: number | null;
  /** Already uploaded: a send waits for its uploads before it becomes an Outgoing. */
  attachments: FileView[];
  sticker: string | null;
  state: "sending" | "failed";
  /** The server's error code when it refused the send (e.g. privacy_restricted). */
  reason?: string;
  createdAt: string;
}

export interface State {
  me: User | null;
  /** The caller's privacy settings, once the settings page loaded them (kept live by privacy.updated). */
  privacy: Privacy | null;
  connection: Connection;
  chats: Map<number, ChatSummary>;
  /** Loaded messages per chat, ascending by seq. */
  messages: Map<number, Message[]>;
  /** Whether older history remains to be loaded, per chat. */
  hasOlder: Map<number, boolean>;
  outgoing: Map<string, Outgoing>;
  users: Map<number, User>;
  online: Set<number>;
  /** chatId -> userId -> expiry (ms since epoch). */
  typing: Map<number, Map<number, number>>;
  /** chatId -> userId -> read seq, for ticks and "read by". */
  reads: Map<number, Map<number, number>>;
  /** Member lists of the chats whose info or messages were opened (chat management). */
  members: Map<number, ChatMember[]>;
  /** My contacts by id; null until the contacts page or the chat info panel loads them. */
  contacts: Map<number, User> | null;
  /** Confirmations on screen now (state/toasts.ts). */
  toasts: { id: number; text: string }[];
}

type Listener = () => void;

let state: State = initial();
const listeners = new Set<Listener>();

function initial(): State {
  return {
    me: null,
    privacy: null,
    connection: "connecting",
    chats: new Map(),
    messages: new Map(),
    hasOlder: new Map(),
    outgoing: new Map(),
    users: new Map(),
    online: new Set(),
    typing: new Map(),
    reads: new Map(),
    members: new Map(),
    contacts: null,
    toasts: [],
  };
}

export function getState(): State {
  return state;
}

/** Applies a change to a copy of the state and notifies the views. */
export function update(change: (draft: State) => void): void {
  const draft: State = { ...state };
  change(draft);
  state = draft;
  for (const listener of listeners) listener();
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reset(): void {
  state = initial();
  for (const listener of listeners) listener();
}

/** Inserts or replaces messages of one chat, keeping seq order and one copy per id. */
export function mergeMessages(current: Message[] | undefined, incoming: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of current ?? []) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
