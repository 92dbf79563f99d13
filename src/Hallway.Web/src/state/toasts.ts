// Short confirmations shown at the bottom of the screen ("Report sent") that go away by themselves.

import { update } from "./store";

let next = 1;

export function showToast(text: string, ms = 5000): void {
  const id = next++;
  update((s) => (s.toasts = [...s.toasts, { id, text }]));
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  update((s) => (s.toasts = s.toasts.filter((toast) => toast.id !== id)));
}
