import { useEffect, useState } from "preact/hooks";
import { registrationMode } from "../../protocol/account";
import type { RegistrationMode } from "../../protocol/types";

/** The server's registration mode (open, invite, closed); null while it loads. */
export function useRegistrationMode(): RegistrationMode | null {
  const [mode, setMode] = useState<RegistrationMode | null>(null);
  useEffect(() => {
    // When it cannot be read the form stays: registering then says what is wrong.
    void registrationMode().then(setMode, () => setMode("open"));
  }, []);
  return mode;
}
