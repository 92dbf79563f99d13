// Client-chosen ids. crypto.randomUUID exists only in secure contexts (HTTPS or localhost), and a
// school serves Hallway over plain HTTP at a LAN address, where calling it throws and nothing
// could be sent. crypto.getRandomValues works in every context, so ids are made from it always:
// one path, the same on every origin.

/** A new clientId for a message: a random (version 4) UUID. */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
