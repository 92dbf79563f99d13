import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import type { ChatMember, ChatSummary, User } from "../protocol/types";
import { addMembers, leaveOrHide, removeMember, setMuted, setRole, updateChat } from "../state/chats";
import { addContact, loadContacts } from "../state/contacts";
import { useStore } from "../state/hooks";
import { loadMembers } from "../state/session";
import { getState, type State } from "../state/store";
import { Avatar } from "./Avatar";
import { ChatInfoAvatar } from "./ChatInfoAvatar";
import { ConfirmButton } from "./ConfirmButton";
import { errorText } from "./errors";
import { chatTitle, presenceText } from "./names";
import { onMenuToggle } from "./popover";
import { navigate } from "./router";
import { UserSearch } from "./UserSearch";

const all = (s: State) => s;
const RoleOrder = { owner: 0, admin: 1, member: 2 } as const;

/** The open chat's details (/chats/{id}/info): who is in it, its settings, and managing it. */
export function ChatInfo({ chatId }: { chatId: number }) {
  const s = useStore(all);
  const summary = s.chats.get(chatId);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (getState().chats.get(chatId)?.chat.kind !== "direct") void loadMembers(chatId).catch((e) => setError(errorText(e)));
    if (s.contacts === null) void loadContacts().catch(() => undefined);
  }, [chatId]);

  if (!summary) return <section class="chat-info empty-state"><p>{t("noChatSelected")}</p></section>;

  const me = s.me!;
  const kind = summary.chat.kind;
  const title = chatTitle(summary, s.users);
  const manager = summary.role !== "member";
  const canEdit = (kind === "group" || kind === "channel") ? manager : kind === "lobby" && (manager || me.isAdmin);
  const canAdd = (kind === "group" || kind === "channel") && manager;
  const peer = summary.peerId !== null ? s.users.get(summary.peerId) : undefined;
  const members = s.members.get(chatId) ?? [];
  const run = (action: Promise<unknown>) => {
    setError(null);
    action.catch((e) => setError(errorText(e)));
  };

  return (
    <section class="chat-info" aria-labelledby="chat-info-title">
      <header class="pane-header">
        <a href={`/chats/${chatId}`} class="icon-button" aria-label={t("closeInfo")} title={t("closeInfo")} onClick={(e) => (e.preventDefault(), navigate(`/chats/${chatId}`))}>‹</a>
        <h1 id="chat-info-title">{t("chatInfo")}</h1>
      </header>
      <div class="chat-info-body">
        <div class="chat-info-hero">
          <ChatInfoAvatar summary={summary} title={title} online={summary.peerId !== null && s.online.has(summary.peerId)} />
          <h2 class="chat-info-title">{title}</h2>
          <p class="chat-info-kind">{kind === "direct" && peer ? `@${peer.username} · ${presenceText(peer, s.online)}` : kindLabel(kind)}</p>
          {kind === "direct" ? peer?.about && <p class="chat-info-description">{peer.about}</p> : <p class="chat-info-description">{summary.chat.description || t("noDescription")}</p>}
        </div>

        {error && <p class="error" role="alert">{error}</p>}

        {canEdit && <EditChat summary={summary} run={run} />}

        <section class="card">
          <label class="toggle">
            <input type="checkbox" checked={summary.muted} onChange={(e) => run(setMuted(chatId, e.currentTarget.checked))} />
            {t("muteChat")}
          </label>
          {peer && peer.id !== me.id && (s.contacts?.has(peer.id) ? <p class="form-note">{t("inContacts")}</p> : <button type="button" class="secondary" onClick={() => run(addContact(peer))}>{t("addContact")}</button>)}
        </section>

        {kind !== "direct" && (
          <section class="card" aria-labelledby="members-title">
            <h3 id="members-title">{t("memberList")} · {members.length}</h3>
            {canAdd && <AddMembers chatId={chatId} members={members} run={run} />}
            <ul class="members" role="list">
              {[...members]
                .sort((a, b) => RoleOrder[a.role] - RoleOrder[b.role] || (s.users.get(a.userId)?.displayName ?? "").localeCompare(s.users.get(b.userId)?.displayName ?? ""))
                .map((m) => (
                  <MemberRow key={m.userId} chatId={chatId} member={m} summary={summary} user={s.users.get(m.userId)} me={me} online={s.online} contacts={s.contacts} run={run} />
                ))}
            </ul>
          </section>
        )}

        {(kind === "group" || kind === "channel") && (
          <ConfirmButton label={kind === "group" ? t("leaveGroup") : t("leaveChannel")} question={t("leaveConfirm", { title })} onConfirm={() => run(leaveOrHide(chatId).then(() => navigate("/")))} />
        )}
        {kind === "direct" && <ConfirmButton label={t("deleteForMe")} question={t("deleteConfirm")} onConfirm={() => run(leaveOrHide(chatId).then(() => navigate("/")))} />}
      </div>
    </section>
  );
}

function EditChat({ summary, run }: { summary: ChatSummary; run(p: Promise<unknown>): void }) {
  const [title, setTitle] = useState(summary.chat.title);
  const [description, setDescription] = useState(summary.chat.description);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  // The form starts from the current values when it opens (set in the click, not in an effect
  // that would run after paint and could overwrite what was typed first); someone else's rename
  // arriving as chat.updated while it is open updates it.
  useEffect(() => setTitle(summary.chat.title), [summary.chat.title]);
  useEffect(() => setDescription(summary.chat.description), [summary.chat.description]);
  function openForm() {
    setTitle(summary.chat.title);
    setDescription(summary.chat.description);
    setSaved(false);
    setOpen(true);
  }

  function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    run(updateChat(summary.chat.id, title, description).then(() => (setSaved(true), setOpen(false))));
  }

  if (!open) {
    return (
      <div class="edit-chat-closed">
        <button type="button" class="secondary" onClick={openForm}>{t("editChat")}</button>
        <span class="form-note" role="status">{saved ? t("saved") : ""}</span>
      </div>
    );
  }

  return (
    <form class="card" onSubmit={save} aria-labelledby="edit-chat-title">
      <h3 id="edit-chat-title">{t("editChat")}</h3>
      <label>{t("title")}<input required autoFocus maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
      <label>{t("description")}<textarea rows={3} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></label>
      <div class="form-buttons">
        <button type="submit" class="primary">{t("save")}</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>{t("cancel")}</button>
      </div>
    </form>
  );
}

function AddMembers({ chatId, members, run }: { chatId: number; members: ChatMember[]; run(p: Promise<unknown>): void }) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" class="secondary" onClick={() => setOpen(true)}>{t("addMembers")}</button>;
  return (
    <div class="add-members">
      <UserSearch
        autoFocus
        label={t("findToAdd")}
        exclude={(u) => members.some((m) => m.userId === u.id)}
        pickLabel={(u) => t("addMember", { name: u.displayName })}
        pickHint="+"
        onPick={(u) => run(addMembers(chatId, [u.id]))}
      />
      <button type="button" class="secondary" onClick={() => setOpen(false)}>{t("done")}</button>
    </div>
  );
}

interface RowProps {
  chatId: number;
  member: ChatMember;
  summary: ChatSummary;
  user: User | undefined;
  me: User;
  online: Set<number>;
  contacts: Map<number, User> | null;
  run(p: Promise<unknown>): void;
}

function MemberRow({ chatId, member, summary, user, me, online, contacts, run }: RowProps) {
  const name = user?.displayName ?? "…";
  const self = member.userId === me.id;
  const managed = summary.chat.kind === "group" || summary.chat.kind === "channel";
  const canRemove = managed && !self && (summary.role === "owner" ? member.role !== "owner" : summary.role === "admin" && member.role === "member");
  const canRole = !self && member.role !== "owner" && (managed ? summary.role === "owner" : summary.chat.kind === "lobby" && me.isAdmin);
  const canContact = !self && user !== undefined && contacts !== null && !contacts.has(member.userId);
  const close = (e: Event) => ((e.currentTarget as HTMLElement).closest("details")!.open = false);

  return (
    <li class="member" data-user-id={member.userId}>
      <Avatar id={member.userId} name={name} online={online.has(member.userId)} size={36} />
      <span class="member-text">
        <span class="member-name">{name}{self && ` (${t("you")})`}</span>
        <span class="member-status">{user ? presenceText(user, online) : ""}</span>
      </span>
      {member.role !== "member" && <span class={`role-chip ${member.role}`}>{member.role === "owner" ? t("roleOwner") : t("roleAdmin")}</span>}
      {!(canRemove || canRole || canContact) ? <span class="member-menu-gap" aria-hidden="true" /> : (
        <details class="message-menu member-menu mine" onToggle={(e) => onMenuToggle(e.currentTarget, "end")}>
          <summary aria-label={t("memberActions", { name })}>⋯</summary>
          <div class="menu" role="menu" onClick={close}>
            {canContact && <button role="menuitem" onClick={() => run(addContact(user))}>{t("addContact")}</button>}
            {canRole && <button role="menuitem" onClick={() => run(setRole(chatId, member.userId, member.role === "admin" ? "member" : "admin"))}>{member.role === "admin" ? t("unmakeAdmin") : t("makeAdmin")}</button>}
            {canRemove && <button role="menuitem" class="danger-item" onClick={() => run(removeMember(chatId, member.userId))}>{t("removeMember")}</button>}
          </div>
        </details>
      )}
    </li>
  );
}

function kindLabel(kind: ChatSummary["chat"]["kind"]): string {
  return kind === "group" ? t("kindGroup") : kind === "channel" ? t("kindChannel") : kind === "lobby" ? t("kindLobby") : t("kindDirect");
}
