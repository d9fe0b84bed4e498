/** Keeps the login across reloads (localStorage) and knows when a token has expired. */
import type { Session } from "./api";

const KEY = "todo-chatbot.session";

export function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return typeof payload.exp !== "number" || payload.exp * 1000 <= now;
  } catch {
    return true;
  }
}

export type Stored = { session: Session } | { expired: true } | null;

export function loadSession(storage: Storage = localStorage): Stored {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (!session.token || !session.user?.id) throw new Error("incomplete");
    if (tokenExpired(session.token)) {
      storage.removeItem(KEY);
      return { expired: true };
    }
    return { session };
  } catch {
    storage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
