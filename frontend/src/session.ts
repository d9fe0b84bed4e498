/**
 * Keeps the login across reloads (localStorage) and knows when a token has expired; keeps the
 * message being typed, per user, so a trip through the login screen never loses it.
 */
import { isRecord, type Session, type User } from "./api";

const KEY = "todo-chatbot.session";
const DRAFT_KEY = "todo-chatbot.draft.";

export function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const payload: unknown = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
    return !isRecord(payload) || typeof payload.exp !== "number" || payload.exp * 1000 <= now;
  } catch {
    return true;
  }
}

function asUser(value: unknown): User | null {
  if (!isRecord(value) || typeof value.id !== "string" || !value.id || typeof value.email !== "string") return null;
  return {
    id: value.id,
    email: value.email,
    name: typeof value.name === "string" ? value.name : null,
    timezone: typeof value.timezone === "string" ? value.timezone : "UTC",
  };
}

export type Stored = { session: Session } | { expired: true } | null;

export function loadSession(storage: Storage = localStorage): Stored {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const stored: unknown = JSON.parse(raw);
    const user = isRecord(stored) ? asUser(stored.user) : null;
    if (!isRecord(stored) || typeof stored.token !== "string" || !stored.token || !user) throw new Error("incomplete");
    if (tokenExpired(stored.token)) {
      storage.removeItem(KEY);
      return { expired: true };
    }
    return { session: { token: stored.token, user } };
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

/** The message this user was typing (or sending), if any. */
export function loadDraft(userId: string, storage: Storage = localStorage): string {
  return storage.getItem(DRAFT_KEY + userId) ?? "";
}

export function saveDraft(userId: string, text: string, storage: Storage = localStorage): void {
  if (text) storage.setItem(DRAFT_KEY + userId, text);
  else storage.removeItem(DRAFT_KEY + userId);
}
