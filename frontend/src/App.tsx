import { useCallback, useMemo, useState } from "react";
import { Api, SIGN_IN_AGAIN, type Session } from "./api";
import { AuthScreen } from "./components/AuthScreen";
import { Workspace } from "./components/Workspace";
import { clearSession, loadSession, saveSession } from "./session";

export function App() {
  const [initial] = useState(loadSession);
  const [session, setSession] = useState<Session | null>(initial && "session" in initial ? initial.session : null);
  const [notice, setNotice] = useState<string | null>(initial && "expired" in initial ? SIGN_IN_AGAIN : null);

  const signOut = useCallback((message?: string) => {
    clearSession();
    setSession(null);
    setNotice(message ?? null);
  }, []);

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  const api = useMemo(() => new Api(session, signOut), [session, signOut]);

  if (!session) return <AuthScreen api={api} notice={notice} onSignedIn={signIn} />;
  return <Workspace key={session.user.id} api={api} user={session.user} onSignOut={() => signOut()} />;
}
