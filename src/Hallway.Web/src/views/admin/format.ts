import { language } from "../../i18n";
import { ta } from "../../i18n/admin";

export const dateTime = (iso: string) => new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });

export const count = (n: number) => n.toLocaleString(language);

/** Sizes on disk in the reader's units, 1024 to a step (as file managers show them). */
export function bytes(n: number): string {
  const units = [ta("unitB"), ta("unitKB"), ta("unitMB"), ta("unitGB"), ta("unitTB")];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(language, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}
