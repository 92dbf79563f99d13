import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta } from "../../i18n/admin";
import { groupMembers, removeGroupMember, setGroupMember } from "../../protocol/admin";
import type { ChatMember, MemberRole } from "../../protocol/types";
import { useStore } from "../../state/hooks";
import { ensureUsers } from "../../state/session";
import type { State } from "../../state/store";
import { errorText } from "../errors";
import { AdminUserPicker } from "./AdminUserPicker";

const selectUsers = (s: State) => s.users;
const RoleOrder = { owner: 0, admin: 1, member: 2 } as const;

/** The members of a group as it is now, whether or not the admin is in it. */
const loadMembers = (chatId: number): Promise<ChatMember[]> => groupMembers(chatId);

/** A group's members: add anyone, set roles (owner hands the group over), remove. */
export function GroupMembers({ chatId, onChanged }: { chatId: number; onChanged(): void }) {
  const users = useStore(selectUsers);
  const [members, setMembers] = useState<ChatMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = (list: ChatMember[]) => (setMembers(list), void ensureUsers(list.map((m) => m.userId)));
  const refresh = () => loadMembers(chatId).then(show);
  useEffect(() => void refresh().catch((e) => setError(errorText(e))), [chatId]);

  function run(action: Promise<unknown>) {
    setError(null);
    action.then(onChanged, (e) => {
      setError(errorText(e));
      setMembers((list) => list && [...list]); // a refused role change puts the select back
    });
  }

  const sorted = [...(members ?? [])].sort((a, b) => RoleOrder[a.role] - RoleOrder[b.role] || (users.get(a.userId)?.displayName ?? "").localeCompare(users.get(b.userId)?.displayName ?? ""));
  return (
    <div class="user-panel" role="region" aria-label={t("memberList")}>
      {members === null && !error && <p class="hint">{t("loading")}</p>}
      <ul class="members" role="list">
        {sorted.map((m) => {
          const name = users.get(m.userId)?.displayName ?? "…";
          return (
            <li key={m.userId} class="member admin-member" data-user-id={m.userId}>
              <span class="member-text"><span class="member-name">{name}</span></span>
              <label class="compact">
                <span class="visually-hidden">{ta("roleOf", { name })}</span>
                <select value={m.role} onChange={(e) => run(setGroupMember(chatId, m.userId, e.currentTarget.value as MemberRole).then(show))}>
                  <option value="member">{ta("memberRole_member")}</option>
                  <option value="admin">{ta("memberRole_admin")}</option>
                  <option value="owner">{ta("memberRole_owner")}</option>
                </select>
              </label>
              <button type="button" class="secondary" aria-label={ta("removeFromGroup", { name })} onClick={() => run(removeGroupMember(chatId, m.userId).then(refresh))}>{ta("removeShort")}</button>
            </li>
          );
        })}
      </ul>
      <AdminUserPicker label={ta("addToGroup")} exclude={(u) => members?.some((m) => m.userId === u.id) ?? false} onPick={(u) => run(setGroupMember(chatId, u.id, "member").then(show))} />
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
