// My private address book (PROTOCOL §4.2). The server sends no events for it, so the answers of
// these calls are the only source; presence comes from the shared online set.

import { del, get, put } from "../protocol/api";
import type { User } from "../protocol/types";
import { getState, update } from "./store";

export async function loadContacts(): Promise<void> {
  const users = await get<User[]>("/api/contacts");
  update((s) => {
    s.contacts = new Map(users.map((u) => [u.id, u]));
    const known = new Map(s.users);
    for (const u of users) known.set(u.id, { ...known.get(u.id), ...u });
    s.users = known;
  });
}

export async function addContact(user: User): Promise<void> {
  await put(`/api/contacts/${user.id}`);
  if (getState().contacts === null) await loadContacts();
  else update((s) => (s.contacts = new Map(s.contacts).set(user.id, user)));
}

export async function removeContact(userId: number): Promise<void> {
  await del(`/api/contacts/${userId}`);
  update((s) => {
    const contacts = new Map(s.contacts ?? []);
    contacts.delete(userId);
    s.contacts = contacts;
  });
}
