import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import type { User } from "../protocol/types";
import { searchUsers } from "../state/session";
import { Avatar } from "./Avatar";

interface Props {
  /** People not to list (yourself, current members). */
  exclude: (user: User) => boolean;
  /** Clicking a person: open a chat with them, add them as a member, add them as a contact. */
  onPick(user: User): void;
  /** The clickable row's accessible name, when the name alone does not say what a click does. */
  pickLabel?: (user: User) => string;
  /** Shown at the row's end when a click adds someone (the "+" of add member / add contact). */
  pickHint?: string;
  /** With a checkbox per person (e.g. picking the first members of a group). */
  checked?: (user: User) => boolean;
  onCheck?: (user: User) => void;
  checkLabel?: (user: User) => string;
  label?: string;
  autoFocus?: boolean;
}

/** A user search with its result list; shared by the new-chat dialog, chat info and contacts. */
export function UserSearch(p: Props) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<User[]>([]);
  const label = p.label ?? t("findPeople");

  useEffect(() => {
    let live = true;
    void searchUsers(query.trim())
      .then((users) => live && setFound(users))
      .catch(() => live && setFound([]));
    return () => void (live = false);
  }, [query]);

  return (
    <div class="user-search">
      <input type="search" autoFocus={p.autoFocus} placeholder={label} aria-label={label} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <ul class="people" role="list">
        {found
          .filter((u) => !p.exclude(u))
          .map((u) => (
            <li key={u.id}>
              <button type="button" class="person" aria-label={p.pickLabel?.(u)} onClick={() => p.onPick(u)}>
                <Avatar id={u.id} name={u.displayName} online={u.online} size={32} />
                <span>
                  {u.displayName} <small>@{u.username}</small>
                </span>
                {p.pickHint && <span class="pick-hint" aria-hidden="true">{p.pickHint}</span>}
              </button>
              {p.onCheck && <input type="checkbox" aria-label={p.checkLabel?.(u) ?? u.displayName} checked={p.checked?.(u) ?? false} onChange={() => p.onCheck!(u)} />}
            </li>
          ))}
      </ul>
    </div>
  );
}
