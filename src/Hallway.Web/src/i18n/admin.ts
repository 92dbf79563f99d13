// The admin panel's strings, in the panel's own chunk: nobody else downloads them.

import { language } from "./index";
import { adminEn, type AdminStrings } from "./admin.en";
import { adminRu } from "./admin.ru";

export type AdminKey = keyof AdminStrings;

export const hasAdminKey = (key: string): key is AdminKey => key in adminEn;

export function ta(key: AdminKey, params: Record<string, string | number> = {}): string {
  const table = language === "ru" ? adminRu : adminEn;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}
