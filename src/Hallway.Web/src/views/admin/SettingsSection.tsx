import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { ta, type AdminKey } from "../../i18n/admin";
import { directMessages, registration, retention, setDirectMessages, setRegistration, setRetention, type DirectMessagePolicy } from "../../protocol/admin";
import type { RegistrationMode } from "../../protocol/types";
import { errorText } from "../errors";
import { InvitesCard } from "./InvitesCard";
import { useLoaded } from "./useLoaded";

/** Server-wide settings: who may register (and invites), who students may message, how long things are kept. */
export function SettingsSection() {
  return (
    <>
      <ChoiceCard<RegistrationMode> id="registration" title={ta("registrationTitle")} options={["open", "invite", "closed"]} prefix="reg" load={registration} save={setRegistration} />
      <InvitesCard />
      <ChoiceCard<DirectMessagePolicy> id="direct-messages" title={ta("dmTitle")} options={["everyone", "shared-groups", "staff-only"]} prefix="dm" load={directMessages} save={setDirectMessages} />
      <RetentionCard />
    </>
  );
}

/** One setting chosen from a few, each option with a line saying what it means. */
function ChoiceCard<T extends string>(p: { id: string; title: string; options: T[]; prefix: string; load(): Promise<T>; save(value: T): Promise<T> }) {
  const current = useLoaded(p.load, []);
  const [value, setValue] = useState<T | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setValue(current.value), [current.value]);
  const key = (option: T, suffix = "") => `${p.prefix}_${option.replace(/-/g, "_")}${suffix}` as AdminKey;

  function submit(e: Event) {
    e.preventDefault();
    if (value === null) return;
    setNote(null);
    p.save(value).then((saved) => (current.set(saved), setNote(t("saved"))), (err) => setNote(errorText(err)));
  }

  return (
    <form class="card" onSubmit={submit} aria-labelledby={`${p.id}-title`}>
      <h2 id={`${p.id}-title`}>{p.title}</h2>
      {current.error && <p class="error" role="alert">{current.error}</p>}
      <fieldset class="choices" disabled={value === null}>
        <legend class="visually-hidden">{p.title}</legend>
        {p.options.map((option) => (
          <div class="choice" key={option}>
            <label>
              <input type="radio" name={p.id} value={option} checked={value === option} aria-describedby={`${p.id}-${option}-help`} onChange={() => setValue(option)} />
              {ta(key(option))}
            </label>
            <small id={`${p.id}-${option}-help`}>{ta(key(option, "_help"))}</small>
          </div>
        ))}
      </fieldset>
      <p class="form-note" role="status">{note}</p>
      <button type="submit" class="primary" disabled={value === null || value === current.value}>{t("save")}</button>
    </form>
  );
}

function RetentionCard() {
  const current = useLoaded(retention, []);
  const [messageDays, setMessageDays] = useState("");
  const [fileDays, setFileDays] = useState("");
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (current.value) (setMessageDays(String(current.value.messageDays)), setFileDays(String(current.value.fileDays)));
  }, [current.value]);

  function submit(e: Event) {
    e.preventDefault();
    setNote(null);
    setRetention({ messageDays: Number(messageDays), fileDays: Number(fileDays) }).then((saved) => (current.set(saved), setNote(t("saved"))), (err) => setNote(errorText(err)));
  }

  return (
    <form class="card" onSubmit={submit} aria-labelledby="retention-title">
      <h2 id="retention-title">{ta("retentionTitle")}</h2>
      <p class="hint">{ta("retentionHelp")}</p>
      <div class="form-grid">
        <label>{ta("messageDays")}<input type="number" inputMode="numeric" min={0} max={36500} step={1} required disabled={!current.value} value={messageDays} onInput={(e) => setMessageDays(e.currentTarget.value)} /></label>
        <label>{ta("fileDays")}<input type="number" inputMode="numeric" min={0} max={36500} step={1} required disabled={!current.value} value={fileDays} onInput={(e) => setFileDays(e.currentTarget.value)} /></label>
      </div>
      {current.error && <p class="error" role="alert">{current.error}</p>}
      <p class="form-note" role="status">{note}</p>
      <button type="submit" class="primary" disabled={!current.value}>{t("save")}</button>
    </form>
  );
}
