import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccessToken, ConnectedApp, MadeAccessToken, Scope } from "../api";
import { keys, useApi } from "../hooks/queries";
import { Dialog } from "./Dialog";
import { message, SaidLine, type Said } from "./Said";

interface Props {
  open: boolean;
  onClose: () => void;
}

/** The scopes in the words the sign-in page uses for them. */
const SCOPE_WORDS: Record<Scope, string> = { "tasks:read": "See your tasks", "tasks:write": "Change your tasks" };
const ACCESS = {
  read: { label: "See your tasks", scopes: ["tasks:read"] },
  write: { label: "See and change your tasks", scopes: ["tasks:read", "tasks:write"] },
} satisfies Record<string, { label: string; scopes: Scope[] }>;
type Access = keyof typeof ACCESS;
const EXPIRY: [string, string][] = [
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In a year"],
  ["", "Never"],
];
const UNNAMED = "An app that did not give its name";

const day = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const moment = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const scopeWords = (scopes: Scope[]) => scopes.map((s) => SCOPE_WORDS[s]).join(", ");
const lastUsed = (at: string | null) => (at ? `last used ${moment.format(new Date(at))}` : "not used yet");

/** The address MCP clients are given: this page's own origin (the web app proxies /mcp). */
const mcpAddress = () => `${globalThis.location?.origin ?? ""}/mcp`;

/**
 * "Connected apps": the OAuth apps this person allowed and their personal access tokens, each
 * revocable at once; a new token is shown here once, with a copy button.
 */
export function ConnectedApps({ open, onClose }: Props) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy="apps-title" className="settings connected-apps" testId="connected-apps">
      <div className="dialog-head">
        <h2 id="apps-title">Connected apps</h2>
        <button type="button" className="small" onClick={onClose} data-autofocus data-testid="apps-close">
          Close
        </button>
      </div>
      <p className="muted">
        Assistants and scripts reach your tasks through MCP at <code data-testid="mcp-address">{mcpAddress()}</code>. Whatever you
        disconnect or revoke here stops at once.
      </p>
      <Apps />
      <Tokens />
    </Dialog>
  );
}

function Apps() {
  const api = useApi();
  const client = useQueryClient();
  const key = keys.connectedApps(api.userId);
  const apps = useQuery({ queryKey: key, queryFn: () => api.connectedApps(), staleTime: 0 });
  const [said, setSaid] = useState<Said>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const disconnect = useMutation({
    mutationFn: (app: ConnectedApp) => api.disconnectApp(app.client_id),
    onSuccess: (_, app) => {
      client.setQueryData<ConnectedApp[]>(key, (before) => before?.filter((a) => a.client_id !== app.client_id));
      setSaid({ text: `Disconnected ${app.client_name ?? "the app"}: it can no longer reach your tasks.`, error: false });
      heading.current?.focus(); // its button is gone
    },
    onError: (error) => setSaid({ text: message(error), error: true }),
  });

  return (
    <section className="settings-section" aria-labelledby="granted-title" data-testid="apps-section">
      <h3 id="granted-title" ref={heading} tabIndex={-1}>Apps you allowed</h3>
      {apps.isPending ? (
        <p className="muted">Loading…</p>
      ) : apps.error ? (
        <p className="error">{apps.error.message}</p>
      ) : apps.data.length === 0 ? (
        <p className="muted" data-testid="apps-none">
          None yet. Give an MCP client (Claude, ChatGPT, VS Code) the address above: it asks you to sign in and allow it, and then
          shows here.
        </p>
      ) : (
        <ul className="grants" data-testid="apps">
          {apps.data.map((app) => (
            <li key={app.client_id} data-testid="app">
              <div className="grant-text">
                <strong data-testid="app-name">{app.client_name ?? UNNAMED}</strong>{" "}
                <span className="muted">at {app.redirect_hosts.join(", ")}</span>
                <span className="grant-meta">
                  <span data-testid="app-scopes">{scopeWords(app.scopes)}</span>
                  {" · "}allowed {day.format(new Date(app.connected_at))}
                  {" · "}<span data-testid="app-used">{lastUsed(app.last_used_at)}</span>
                </span>
              </div>
              <button
                type="button"
                className="small danger"
                aria-label={`Disconnect ${app.client_name ?? "this app"}`}
                onClick={() => {
                  if (disconnect.isPending) return;
                  setSaid(null);
                  disconnect.mutate(app);
                }}
                data-testid="app-disconnect"
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
      <SaidLine said={said} id="apps" />
    </section>
  );
}

function Tokens() {
  const api = useApi();
  const client = useQueryClient();
  const key = keys.accessTokens(api.userId);
  const tokens = useQuery({ queryKey: key, queryFn: () => api.accessTokens(), staleTime: 0 });
  const [said, setSaid] = useState<Said>(null);
  // The token itself can be shown only when it is made (the server keeps its hash): kept while the dialog is open.
  const [made, setMade] = useState<MadeAccessToken | null>(null);
  const [name, setName] = useState("");
  const [access, setAccess] = useState<Access>("write");
  const [expiry, setExpiry] = useState("90");
  const nameField = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const madeField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (made) copyButton.current?.focus();
  }, [made]);

  const create = useMutation({
    mutationFn: () =>
      api.createAccessToken({
        name: name.trim(),
        scopes: ACCESS[access].scopes,
        ...(expiry ? { expires_in_days: Number(expiry) } : {}),
      }),
    onSuccess: (token) => {
      void client.invalidateQueries({ queryKey: key });
      setMade(token);
      setName("");
      setSaid({ text: `Made the token “${token.name}”.`, error: false });
    },
    onError: (error) => setSaid({ text: message(error), error: true }),
  });
  const revoke = useMutation({
    mutationFn: (token: AccessToken) => api.revokeAccessToken(token.id),
    onSuccess: (_, token) => {
      client.setQueryData<AccessToken[]>(key, (before) => before?.filter((t) => t.id !== token.id));
      if (made?.id === token.id) setMade(null);
      setSaid({ text: `Revoked “${token.name}”: it no longer works.`, error: false });
      heading.current?.focus(); // its button is gone
    },
    onError: (error) => setSaid({ text: message(error), error: true }),
  });
  const busy = create.isPending || revoke.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setSaid({ text: "Give the token a name, such as “backup script”, to know it again.", error: true });
      nameField.current?.focus();
      return;
    }
    setSaid(null);
    create.mutate();
  }

  async function copy() {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.token);
      setSaid({ text: "Copied the token.", error: false });
    } catch {
      madeField.current?.select(); // no clipboard here (a page on plain http): selected to copy by hand
      setSaid({ text: "Copy the selected token with Ctrl+C (⌘C on a Mac).", error: false });
    }
  }

  return (
    <section className="settings-section" aria-labelledby="tokens-title" data-testid="tokens-section">
      <h3 id="tokens-title" ref={heading} tabIndex={-1}>Personal access tokens</h3>
      <p>
        For scripts and MCP clients without a sign-in of their own: they send <code>Authorization: Bearer</code> and the token to
        the address above. A token works there only, not on the rest of the app.
      </p>
      {tokens.isPending ? (
        <p className="muted">Loading…</p>
      ) : tokens.error ? (
        <p className="error">{tokens.error.message}</p>
      ) : tokens.data.length === 0 ? (
        <p className="muted" data-testid="tokens-none">None yet.</p>
      ) : (
        <ul className="grants" data-testid="tokens">
          {tokens.data.map((token) => (
            <li key={token.id} data-testid="token">
              <div className="grant-text">
                <strong data-testid="token-name">{token.name}</strong> <code>{token.prefix}…</code>
                <span className="grant-meta">
                  <span data-testid="token-scopes">{scopeWords(token.scopes)}</span>
                  {" · "}
                  {token.expires_at ? `expires ${day.format(new Date(token.expires_at))}` : "never expires"}
                  {" · "}<span data-testid="token-used">{lastUsed(token.last_used_at)}</span>
                </span>
              </div>
              <button
                type="button"
                className="small danger"
                aria-label={`Revoke ${token.name}`}
                onClick={() => {
                  if (busy) return;
                  setSaid(null);
                  revoke.mutate(token);
                }}
                data-testid="token-revoke"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {made && (
        <div className="made-token">
          <label htmlFor="made-token">Your new token “{made.name}”</label>
          <div className="settings-row">
            <input
              id="made-token"
              ref={madeField}
              readOnly
              value={made.token}
              spellCheck={false}
              onFocus={(e) => e.target.select()}
              data-testid="token-made"
            />
            <button type="button" className="small" ref={copyButton} onClick={() => void copy()} data-testid="token-copy">
              Copy
            </button>
          </div>
          <p className="warning" data-testid="token-warning">
            Copy it now: it is shown only this once. Anyone who has it can use your tasks as it allows, until you revoke it.
          </p>
        </div>
      )}
      <form className="settings-form token-form" onSubmit={submit} noValidate>
        <label htmlFor="token-name">Name of a new token</label>
        <input
          id="token-name"
          ref={nameField}
          value={name}
          maxLength={100}
          autoComplete="off"
          placeholder="backup script"
          onChange={(e) => setName(e.target.value)}
          data-testid="token-name-input"
        />
        <fieldset className="token-access">
          <legend>It may</legend>
          {(Object.keys(ACCESS) as Access[]).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="token-access"
                value={choice}
                checked={access === choice}
                onChange={() => setAccess(choice)}
                data-testid={`token-access-${choice}`}
              />
              {ACCESS[choice].label}
            </label>
          ))}
        </fieldset>
        <label htmlFor="token-expiry">It stops working</label>
        <select id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} data-testid="token-expiry">
          {EXPIRY.map(([days, label]) => (
            <option key={days} value={days}>{label}</option>
          ))}
        </select>
        <div className="settings-actions">
          <button type="submit" className="small primary" aria-busy={create.isPending} data-testid="token-make">
            {create.isPending ? "Making…" : "Make a token"}
          </button>
        </div>
      </form>
      <SaidLine said={said} id="tokens" />
    </section>
  );
}
