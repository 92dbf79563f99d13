import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { listGroups } from "../../protocol/admin";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import type { State } from "../../state/store";
import { Avatar } from "../Avatar";
import { CreateGroupForm } from "./CreateGroupForm";
import { GroupMembers } from "./GroupMembers";
import { useLoaded } from "./useLoaded";

const selectUsers = (s: State) => s.users;

/** Every group and channel, whether or not the admin is in it: counts, owners, members. */
export function GroupsSection() {
  const groups = useLoaded(listGroups, []);
  const users = useStore(selectUsers);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (groups.value) void ensureUsers(groups.value.flatMap((g) => (g.ownerId !== null ? [g.ownerId] : [])));
  }, [groups.value]);

  return (
    <section class="card" aria-labelledby="groups-title">
      <div class="card-head">
        <h2 id="groups-title">{ta("groupsTitle")}</h2>
        <button type="button" class="primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>{ta("createGroup")}</button>
      </div>
      {creating && <CreateGroupForm onCreated={(g) => (setCreating(false), setOpen(g.chat.id), groups.reload())} onCancel={() => setCreating(false)} />}
      {groups.error && <p class="error" role="alert">{groups.error}</p>}
      {groups.value && groups.value.length === 0 && <p class="hint">{ta("noGroups")}</p>}
      <ul class="admin-list" role="list" aria-label={ta("groupsTitle")}>
        {(groups.value ?? []).map((g) => {
          const owner = g.ownerId !== null ? users.get(g.ownerId) : undefined;
          return (
            <li key={g.chat.id} class="admin-group" data-chat-id={g.chat.id}>
              <div class="admin-row">
                <Avatar id={g.chat.id} name={g.chat.title} avatarId={g.chat.avatarId} size={36} />
                <span class="member-text">
                  <span class="member-name">{g.chat.title}</span>
                  <span class="member-status">
                    {g.chat.kind === "channel" ? t("kindChannel") : t("kindGroup")} · {t("members", { count: g.memberCount })}
                    {g.ownerId !== null && ` · ${ta("ownerIs", { name: owner?.displayName ?? "…" })}`}
                  </span>
                </span>
                <button type="button" class="secondary" aria-expanded={open === g.chat.id} aria-label={ta("membersOf", { title: g.chat.title })} onClick={() => setOpen(open === g.chat.id ? null : g.chat.id)}>{t("memberList")}</button>
              </div>
              {open === g.chat.id && <GroupMembers chatId={g.chat.id} onChanged={groups.reload} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
