// The real-time half: one WebSocket, a reconnect state machine, the event cursor, and requests
// answered by id. The clock is injected so the state machine can be tested without waiting.

import type { HallwayEvent, PresenceSignal, TypingSignal } from "./types";

export type Connection = "connecting" | "live" | "offline";

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SocketHandlers {
  event(e: HallwayEvent): void;
  typing(s: TypingSignal): void;
  presence(s: PresenceSignal): void;
  state(s: Connection): void;
  /** The server said the cursor is unknown (cursor_ahead): drop local state and load afresh. */
  resync(): void;
  /** The session is gone (signed out elsewhere, password changed, expired). */
  signedOut(): void;
}

interface Pending {
  resolve(data: any): void;
  reject(error: SocketError): void;
}

export class SocketError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const Backoff = [500, 1000, 2000, 5000, 10000];

export class RealtimeSocket {
  private socket: WebSocket | null = null;
  private pending = new Map<string, Pending>();
  private nextId = 1;
  private attempt = 0;
  private retry: unknown = null;
  private stopped = false;
  private live = false;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly handlers: SocketHandlers,
    private readonly cursor: { get(): number | null; set(id: number | null): void },
    private readonly clock: Clock = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) },
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.retry);
    this.socket?.close(1000, "bye");
    this.socket = null;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Resolves once the socket is live (after hello and replay). */
  whenLive(): Promise<void> {
    return this.live ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends a request; rejects with the server's error code, or "offline" if the socket drops first. */
  request<T>(type: string, data: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || (!this.live && type !== "hello")) {
      return Promise.reject(new SocketError("offline", "Not connected."));
    }

    const id = `r${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ type, id, data }));
    });
  }

  private open(): void {
    this.handlers.state("connecting");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    this.socket = socket;
    socket.onopen = () => void this.hello(socket);
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = (close) => this.closed(socket, close.code);
  }

  private async hello(socket: WebSocket): Promise<void> {
    const id = `r${this.nextId++}`;
    const cursor = this.cursor.get();
    const answer = new Promise<any>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    socket.send(JSON.stringify({ type: "hello", id, data: cursor === null ? {} : { lastEventId: cursor } }));
    try {
      const ok = await answer;
      // Events may overtake the hello answer; the cursor only ever moves forward.
      this.cursor.set(Math.max(this.cursor.get() ?? 0, ok.lastEventId));
      this.attempt = 0;
      this.live = true;
      this.handlers.state("live");
      this.waiters.splice(0).forEach((w) => w());
    } catch (error) {
      if (error instanceof SocketError && error.code === "cursor_ahead") {
        this.cursor.set(null);
        this.handlers.resync();
        socket.close(1000, "resync");
      }
    }
  }

  private receive(text: string): void {
    // One frame may carry several JSON objects, one per line.
    for (const line of text.split("\n")) {
      if (line.length === 0) continue;
      const frame = JSON.parse(line);
      switch (frame.type) {
        case "ok":
        case "error": {
          const waiting = frame.id ? this.pending.get(frame.id) : undefined;
          if (!waiting) break;
          this.pending.delete(frame.id);
          if (frame.type === "ok") waiting.resolve(frame.data);
          else waiting.reject(new SocketError(frame.data.code, frame.data.message));
          break;
        }
        case "event":
          this.handlers.event(frame.data as HallwayEvent);
          this.cursor.set((frame.data as HallwayEvent).id);
          break;
        case "typing":
          this.handlers.typing(frame.data as TypingSignal);
          break;
        case "presence":
          this.handlers.presence(frame.data as PresenceSignal);
          break;
      }
    }
  }

  private closed(socket: WebSocket, code: number): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.live = false;
    for (const waiting of this.pending.values()) waiting.reject(new SocketError("offline", "The connection dropped."));
    this.pending.clear();
    if (code === 4001) {
      this.handlers.state("offline");
      this.handlers.signedOut();
      return;
    }

    if (this.stopped) return;
    this.handlers.state("offline");
    const delay = Backoff[Math.min(this.attempt, Backoff.length - 1)]!;
    this.attempt++;
    // Jitter spreads a whole school's reconnects after the server restarts.
    this.retry = this.clock.setTimeout(() => this.open(), delay / 2 + Math.random() * delay);
  }
}
