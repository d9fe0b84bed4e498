import { useCallback, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Api, SIGN_IN_AGAIN, type Session } from "./api";
import { AuthScreen } from "./components/AuthScreen";
import { Workspace } from "./components/Workspace";
import { ApiContext } from "./hooks/queries";
import { clearSession, loadSession, saveDraft, saveSession } from "./session";

export function App() {
  const client = useQueryClient();
  const [initial] = useState(loadSession);
  const [session, setSession] = useState<Session | null>(initial && "session" in initial ? initial.session : null);
  const [notice, setNotice] = useState<string | null>(initial && "expired" in initial ? SIGN_IN_AGAIN : null);

  // A rejected token: back to the login with a reason; what was being typed stays stored for after it.
  const signOut = useCallback(
    (message: string | null) => {
      clearSession();
      client.clear();
      setSession(null);
      setNotice(message);
    },
    [client],
  );

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  const api = useMemo(() => new Api(session, signOut), [session, signOut]);

  if (!session) return <AuthScreen api={api} notice={notice} onSignedIn={signIn} />;
  return (
    <ApiContext.Provider value={api}>
      <Workspace
        key={session.user.id}
        user={session.user}
        onSignOut={() => {
          saveDraft(session.user.id, ""); // logging out on purpose leaves nothing behind
          signOut(null);
        }}
      />
    </ApiContext.Provider>
  );
}
