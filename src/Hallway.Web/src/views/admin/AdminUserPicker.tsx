import { useState } from "preact/hooks";
import { listUsers, type AdminUser } from "../../protocol/admin";
import { Avatar } from "../Avatar";
import { useLoaded } from "./useLoaded";

/** Finds any enabled account by name (the admin list: nobody's "who can find me" hides them here). */
export function AdminUserPicker({ label, exclude, onPick }: { label: string; exclude(user: AdminUser): boolean; onPick(user: AdminUser): void }) {
  const [query, setQuery] = useState("");
  const found = useLoaded(() => (query.trim() === "" ? Promise.resolve([]) : listUsers({ query, role: "", disabled: "false", after: null, limit: 8 })), [query]);
  return (
    <div class="user-search">
      <input type="search" placeholder={label} aria-label={label} maxLength={64} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <ul class="people" role="list">
        {(found.value ?? []).filter((u) => !exclude(u)).map((u) => (
          <li key={u.id}>
            <button type="button" class="person" onClick={() => (onPick(u), setQuery(""))}>
              <Avatar id={u.id} name={u.displayName} avatarId={u.avatarId} size={32} />
              <span>{u.displayName} <small>@{u.username}</small></span>
              <span class="pick-hint" aria-hidden="true">+</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
