// Russian and English; the browser's language picks the default, a saved choice wins.

import { en, type Strings } from "./en";
import { ru } from "./ru";

export type Language = "en" | "ru";

const saved = localStorage.getItem("hallway.language");
export let language: Language = saved === "ru" || saved === "en" ? saved : navigator.language.toLowerCase().startsWith("ru") ? "ru" : "en";
document.documentElement.lang = language;

export function setLanguage(value: Language): void {
  localStorage.setItem("hallway.language", value);
  location.reload();
}

export function t(key: keyof Strings, params: Record<string, string | number> = {}): string {
  const table = language === "ru" ? ru : en;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
}

export function formatDay(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (date.toDateString() === today.toDateString()) return t("today");
  if (date.toDateString() === yesterday.toDateString()) return t("yesterday");
  return date.toLocaleDateString(language, { day: "numeric", month: "long", year: date.getFullYear() === today.getFullYear() ? undefined : "numeric" });
}
