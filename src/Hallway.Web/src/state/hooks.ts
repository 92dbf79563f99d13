import { useEffect, useState } from "preact/hooks";
import { getState, subscribe, type State } from "./store";

/** Re-renders the component when the selected part of the state changes (by identity). */
export function useStore<T>(select: (s: State) => T): T {
  const [value, setValue] = useState(() => select(getState()));
  useEffect(() => {
    const check = () => setValue(() => select(getState()));
    check();
    return subscribe(check);
  }, [select]);
  return value;
}
