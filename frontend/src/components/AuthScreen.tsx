import { useState, type FormEvent } from "react";
import type { Api, Session } from "../api";

interface Props {
  api: Api;
  notice: string | null;
  onSignedIn: (session: Session) => void;
}

export function AuthScreen({ api, notice, onSignedIn }: Props) {
  const [mode, setMode] = useState<"login" | "signup">("login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = mode === "signup" ? await api.signup(email, password, name.trim() || undefined) : await api.login(email, password);
      onSignedIn({ token: result.access_token, user: result.user });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  const signup = mode === "signup";
  return (
    <main className="auth">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title" data-testid="auth-form">
        <div className="brand" aria-hidden="true">✓</div>
        <h1 id="auth-title">{signup ? "Create your account" : "Log in to Todo Chatbot"}</h1>
        <p className="muted">Manage your todo list by chatting.</p>
        {notice && <p className="notice" role="status" data-testid="auth-notice">{notice}</p>}
        {signup && (
          <label>
            Name <span className="muted">(optional)</span>
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} />
          </label>
        )}
        <label>
          Email
          <input type="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" data-testid="email" />
        </label>
        <label>
          Password
          <input
            type="password"
            required
            minLength={signup ? 8 : 1}
            maxLength={128}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={signup ? "new-password" : "current-password"}
            data-testid="password"
          />
        </label>
        {signup && <p className="hint">At least 8 characters.</p>}
        {error && <p className="error" role="alert" data-testid="auth-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy} data-testid="auth-submit">
          {busy ? "Please wait…" : signup ? "Sign up" : "Log in"}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(signup ? "login" : "signup");
            setError(null);
          }}
          data-testid="auth-switch"
        >
          {signup ? "I already have an account" : "New here? Create an account"}
        </button>
      </form>
    </main>
  );
}
