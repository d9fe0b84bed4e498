import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError } from "../api";
import { useApi } from "../hooks/queries";

interface Props {
  email: string;
  onDeleted: () => void;
  /** More of the account's own actions, shown beside "Delete account…". */
  children?: ReactNode;
}

/** "Delete account…": asks for the password again, says what goes, and deletes only on that. */
export function DeleteAccount({ email, onDeleted, children }: Props) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) field.current?.focus();
    else if (wasOpen.current) opener.current?.focus(); // closed: back where it was opened
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen(false);
    setPassword("");
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.deleteAccount(password);
      onDeleted();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The account could not be deleted.");
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div className="account-footer">
        <span className="muted">{email}</span>
        {children}
        <button ref={opener} type="button" className="ghost danger" onClick={() => setOpen(true)} data-testid="delete-account">
          Delete account…
        </button>
      </div>
    );
  }
  return (
    <form className="account-footer delete-account" onSubmit={(e) => void submit(e)} aria-labelledby="delete-account-title"
      onKeyDown={(e) => e.key === "Escape" && close()}>
      <h3 id="delete-account-title">Delete your account?</h3>
      <p>Your tasks, their history and every conversation are deleted for good, and you are signed out everywhere.</p>
      <label>
        Password
        <input ref={field} type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} data-testid="delete-account-password" />
      </label>
      {error && <p className="error" role="alert" data-testid="delete-account-error">{error}</p>}
      <div className="actions">
        <button type="button" className="ghost" onClick={close}>Cancel</button>
        <button type="submit" className="danger" disabled={busy || !password} data-testid="delete-account-confirm">
          Delete my account
        </button>
      </div>
    </form>
  );
}
