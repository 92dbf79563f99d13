import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "../errors";

export interface Loaded<T> {
  value: T | null;
  error: string | null;
  reload(): void;
  /** Replaces the value in place (after a change the server answered with). */
  set(value: T): void;
}

/** Loads when the deps change; an answer that arrives after a newer request started is dropped. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    setError(null);
    load().then(
      (v) => mine === latest.current && setValue(() => v),
      (e) => mine === latest.current && setError(errorText(e)),
    );
  }, [...deps, round]);
  return { value, error, reload: () => setRound((r) => r + 1), set: (v) => setValue(() => v) };
}
