import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { addContact, loadContacts, removeContact } from "../state/contacts";
import { useStore } from "../state/hooks";
import { openDirect } from "../state/session";
import type { State } from "../state/store";
import { Avatar } from "./Avatar";
import { errorText } from "./errors";
import { presenceText } from "./names";
import { navigate } from "./router";
import { UserSearch } from "./UserSearch";

const selectContacts = (s: State) => s.contacts;
const selectOnline = (s: State) => s.online;
const selectUsers = (s: State) => s.users;
const selectMe = (s: State) => s.me;

/** My address book (/contacts): who is online, open a chat, add and remove people. */
export function ContactsPage() {
  const contacts = useStore(selectContacts);
  const online = useStore(selectOnline);
  const users = useStore(selectUsers);
  const me = useStore(selectMe)!;
  const [error, setError] = useState<string | null>(null);
  const run = (action: Promise<unknown>) => {
    setError(null);
    action.catch((e) => setError(errorText(e)));
  };

  useEffect(() => run(loadContacts()), []);

  // The users map has the freshest profile (user.updated events); the contact list, the membership.
  const list = [...(contacts?.values() ?? [])].map((c) => users.get(c.id) ?? c).sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section class="contacts" aria-labelledby="contacts-title">
      <header class="pane-header">
        <button class="icon-button back" aria-label={t("back")} onClick={() => navigate("/")}>‹</button>
        <h1 id="contacts-title">{t("contacts")}</h1>
      </header>
      <div class="settings-body">
        {error && <p class="error" role="alert">{error}</p>}
        <section class="card" aria-label={t("contacts")}>
          {contacts !== null && list.length === 0 && <p class="form-note">{t("noContacts")}</p>}
          <ul class="members" role="list">
            {list.map((u) => (
              <li key={u.id} class="member contact" data-user-id={u.id}>
                <Avatar id={u.id} name={u.displayName} online={online.has(u.id)} size={36} />
                <span class="member-text">
                  <span class="member-name">{u.displayName} <small>@{u.username}</small></span>
                  <span class="member-status">{presenceText(u, online)}</span>
                </span>
                <button type="button" class="secondary" aria-label={t("messageNamed", { name: u.displayName })} onClick={() => run(openDirect(u.id).then((id) => navigate(`/chats/${id}`)))}>{t("message")}</button>
                <button type="button" class="icon-button" aria-label={t("removeContact", { name: u.displayName })} title={t("removeContact", { name: u.displayName })} onClick={() => run(removeContact(u.id))}>✕</button>
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="add-contact-title">
          <h2 id="add-contact-title">{t("addContact")}</h2>
          <UserSearch
            exclude={(u) => u.id === me.id || (contacts?.has(u.id) ?? false)}
            pickLabel={(u) => t("addContactNamed", { name: u.displayName })}
            pickHint="+"
            onPick={(u) => run(addContact(u))}
          />
        </section>
      </div>
    </section>
  );
}
