import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import type { User } from "../protocol/types";
import { createGroup, openDirect, searchUsers } from "../state/session";
import { Avatar } from "./Avatar";
import { navigate } from "./router";

/** Start a direct chat from a user search, or make a group of the people picked. */
export function NewChatDialog({ onClose, meId }: { onClose(): void; meId: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<User[]>([]);
  const [picked, setPicked] = useState<User[]>([]);
  const [title, setTitle] = useState("");

  useEffect(() => dialog.current?.showModal(), []);
  useEffect(() => {
    let live = true;
    void searchUsers(query).then((users) => live && setFound(users.filter((u) => u.id !== meId)));
    return () => void (live = false);
  }, [query, meId]);

  async function direct(user: User) {
    const id = await openDirect(user.id);
    onClose();
    navigate(`/chats/${id}`);
  }

  async function group(e: Event) {
    e.preventDefault();
    const id = await createGroup("group", title, "", picked.map((u) => u.id));
    onClose();
    navigate(`/chats/${id}`);
  }

  const toggle = (u: User) => setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : [...p, u]));

  return (
    <dialog ref={dialog} class="dialog" onClose={onClose} aria-labelledby="new-chat-title" aria-modal="true" onKeyDown={(e) => {
      // Escape closes the dialog even from the search box (which would only clear itself).
      if (e.key === "Escape") (e.preventDefault(), dialog.current?.close());
    }}>
      <h2 id="new-chat-title">{t("newChat")}</h2>
      <input type="search" autoFocus placeholder={t("findPeople")} aria-label={t("findPeople")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <ul class="people" role="list">
        {found.map((u) => (
          <li key={u.id}>
            <button class="person" onClick={() => void direct(u)}>
              <Avatar id={u.id} name={u.displayName} size={32} />
              <span>
                {u.displayName} <small>@{u.username}</small>
              </span>
            </button>
            <input type="checkbox" aria-label={`${t("newGroup")}: ${u.displayName}`} checked={picked.some((p) => p.id === u.id)} onChange={() => toggle(u)} />
          </li>
        ))}
      </ul>
      {picked.length > 0 && (
        <form class="new-group" onSubmit={group}>
          <label>
            {t("title")}
            <input required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">{t("newGroup")} ({picked.length})</button>
        </form>
      )}
      <button class="secondary" onClick={() => dialog.current?.close()}>{t("cancel")}</button>
    </dialog>
  );
}
