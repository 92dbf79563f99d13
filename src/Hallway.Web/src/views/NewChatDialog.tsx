import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { ApiError } from "../protocol/api";
import type { User } from "../protocol/types";
import { createGroup, openDirect } from "../state/session";
import { errorText } from "./errors";
import { navigate } from "./router";
import { UserSearch } from "./UserSearch";

/** Start a direct chat from a user search, or make a group or channel of the people picked. */
export function NewChatDialog({ onClose, meId }: { onClose(): void; meId: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState<User[]>([]);
  const [kind, setKind] = useState<"group" | "channel">("group");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => dialog.current?.showModal(), []);

  async function direct(user: User) {
    try {
      const id = await openDirect(user.id);
      onClose();
      navigate(`/chats/${id}`);
    } catch (err) {
      setError(err instanceof ApiError && err.code === "privacy_restricted" ? t("privacyRestrictedOpen", { name: user.displayName }) : errorText(err));
    }
  }

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const id = await createGroup(kind, title, description, picked.map((u) => u.id));
      onClose();
      navigate(`/chats/${id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (u: User) => setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : [...p, u]));

  return (
    <dialog ref={dialog} class="dialog" onClose={onClose} aria-labelledby="new-chat-title" aria-modal="true" onKeyDown={(e) => {
      // Escape closes the dialog even from the search box (which would only clear itself).
      if (e.key === "Escape") (e.preventDefault(), dialog.current?.close());
    }}>
      <h2 id="new-chat-title">{t("newChat")}</h2>
      <UserSearch
        autoFocus
        exclude={(u) => u.id === meId}
        onPick={(u) => void direct(u)}
        checked={(u) => picked.some((p) => p.id === u.id)}
        onCheck={toggle}
        checkLabel={(u) => t("pickPerson", { name: u.displayName })}
      />
      <form class="new-group" onSubmit={create} aria-label={kind === "group" ? t("newGroup") : t("newChannel")}>
        <fieldset class="kind-choice">
          <legend>{t("chatKind")}</legend>
          <label><input type="radio" name="kind" value="group" checked={kind === "group"} onChange={() => setKind("group")} /> {t("kindGroup")}</label>
          <label><input type="radio" name="kind" value="channel" checked={kind === "channel"} onChange={() => setKind("channel")} /> {t("kindChannel")}</label>
          <span class="picked-count">{t("pickedCount", { count: picked.length })}</span>
        </fieldset>
        <label>
          {t("title")}
          <input required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          {t("description")}
          <textarea rows={2} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{kind === "group" ? t("createGroup") : t("createChannel")}</button>
      </form>
      <button class="secondary" onClick={() => dialog.current?.close()}>{t("cancel")}</button>
    </dialog>
  );
}
