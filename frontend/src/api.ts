/**
 * The one typed client of the backend API. Every request goes to this page's
 * own origin (/api/...): no backend address is built into the app.
 */
import { SseParser } from "./sse";

export interface User {
  id: string;
  email: string;
  name: string | null;
  timezone?: string;
}

export interface AuthResult {
  access_token: string;
  token_type: "bearer";
  user: User;
}

export type Priority = "none" | "low" | "medium" | "high";

export interface Task {
  id: number; // the task's number in this user's list
  title: string;
  description: string | null;
  completed: boolean;
  completed_at?: string | null;
  due_date?: string | null; // YYYY-MM-DD in the user's time zone
  due_time?: string | null; // HH:MM
  priority?: Priority;
  tags?: string[];
  recurrence?: string | null;
  recurrence_text?: string | null;
  created_at: string;
  updated_at: string;
}

export interface UndoResult {
  undone: string;
  tasks: Task[];
}

/** The browser's IANA time zone ("Europe/Berlin"), or undefined where it can't tell. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export type TaskFilter = "all" | "pending" | "completed";

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
}

export interface ChatReply {
  conversation_id: number;
  response: string;
  tool_calls: ToolCall[];
}

export interface Conversation {
  id: number;
  title: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  tool_calls: ToolCall[];
  error?: string | null; // a reply that failed: what the user was told
  created_at: string;
}

export interface AgentInfo {
  provider: string;
  model: string | null;
  version: string;
  /** The optional ChatKit view: on when the server has a CHATKIT_DOMAIN_KEY. */
  chatkit?: { enabled: boolean; domain_key: string | null };
}

export interface Session {
  token: string;
  user: User;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const SESSION_EXPIRED = "Your session has expired. Please log in again.";

type FetchLike = typeof fetch;

/** Turns any error answer into one readable sentence. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    const detail = (body as { detail?: unknown }).detail;
    if (typeof detail === "string") message = detail;
    else if (Array.isArray(detail)) {
      message = detail
        .map((d: { msg?: string; loc?: unknown[] }) => {
          const field = Array.isArray(d.loc) ? d.loc.filter((p) => p !== "body").join(".") : "";
          return field ? `${field}: ${d.msg ?? "invalid"}` : (d.msg ?? "invalid");
        })
        .join("; ");
    }
  } catch {
    if (response.status >= 500) message = "The server had a problem. Please try again in a moment.";
  }
  return new ApiError(response.status, message);
}

export interface StreamHandlers {
  onDelta: (text: string) => void;
  signal?: AbortSignal;
  /** This typed message's id: sent again on a retry, the server never applies it twice. */
  clientMessageId?: string;
}

/** A fresh id for a typed message (getRandomValues works on plain http too, unlike randomUUID). */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class Api {
  constructor(
    private readonly session: Session | null,
    private readonly onUnauthorized: (message: string) => void = () => {},
    private readonly fetchImpl: FetchLike = (...args) => fetch(...args),
  ) {}

  private get userPath(): string {
    if (!this.session) throw new ApiError(401, SESSION_EXPIRED);
    return `/api/${encodeURIComponent(this.session.user.id)}`;
  }

  private async send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.session) headers.Authorization = `Bearer ${this.session.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError(0, "Can't reach the server. Check your connection and try again.");
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 && this.session) this.onUnauthorized(SESSION_EXPIRED);
      throw error;
    }
    return response;
  }

  /** fetch with this session's token, for a client that makes its own requests (the ChatKit view). */
  authorizedFetch(): FetchLike {
    return async (input, init) => {
      const headers = new Headers(init?.headers);
      if (this.session) headers.set("Authorization", `Bearer ${this.session.token}`);
      const response = await this.fetchImpl(input, { ...init, headers });
      if (response.status === 401 && this.session) this.onUnauthorized(SESSION_EXPIRED);
      return response;
    };
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  signup(email: string, password: string, name?: string, timezone = browserTimeZone()): Promise<AuthResult> {
    return this.json("POST", "/api/auth/signup", {
      email, password, ...(name ? { name } : {}), ...(timezone ? { timezone } : {}),
    });
  }

  /** Keeps the account's time zone in step with this browser's; true when it changed. */
  async syncTimeZone(user: User, timezone = browserTimeZone()): Promise<boolean> {
    if (!timezone || user.timezone === timezone) return false;
    try {
      await this.json("PATCH", "/api/auth/me", { timezone });
      return true;
    } catch {
      return false; // a zone the server doesn't know: it keeps the one it has
    }
  }

  quickAdd(text: string): Promise<Task[]> {
    return this.json("POST", `${this.userPath}/tasks/quick`, { text });
  }

  undo(): Promise<UndoResult> {
    return this.json("POST", `${this.userPath}/undo`);
  }

  login(email: string, password: string): Promise<AuthResult> {
    return this.json("POST", "/api/auth/login", { email, password });
  }

  info(): Promise<AgentInfo> {
    return this.json("GET", "/api/info");
  }

  tasks(filter: TaskFilter = "all"): Promise<Task[]> {
    return this.json("GET", `${this.userPath}/tasks?status=${filter}`);
  }

  updateTask(
    id: number,
    changes: Partial<Pick<Task, "title" | "description" | "completed" | "due_date" | "due_time" | "priority" | "tags" | "recurrence">>,
  ): Promise<Task> {
    return this.json("PUT", `${this.userPath}/tasks/${id}`, changes);
  }

  toggleTask(id: number): Promise<Task> {
    return this.json("PATCH", `${this.userPath}/tasks/${id}/complete`);
  }

  async deleteTask(id: number): Promise<void> {
    await this.send("DELETE", `${this.userPath}/tasks/${id}`);
  }

  conversations(): Promise<Conversation[]> {
    return this.json("GET", `${this.userPath}/conversations`);
  }

  messages(conversationId: number): Promise<ChatMessage[]> {
    return this.json("GET", `${this.userPath}/conversations/${conversationId}/messages`);
  }

  /** Sends a message and streams the reply: onDelta gets text as it arrives. */
  async chatStream(message: string, conversationId: number | null, handlers: StreamHandlers): Promise<ChatReply> {
    const request = { ...body(message, conversationId), ...(handlers.clientMessageId ? { client_message_id: handlers.clientMessageId } : {}) };
    const response = await this.send("POST", `${this.userPath}/chat/stream`, request, handlers.signal);
    if (!response.body) throw new ApiError(0, "The reply could not be read.");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.feed(value)) {
        const data = JSON.parse(event.data) as Record<string, unknown>;
        if (event.event === "delta") handlers.onDelta(typeof data.text === "string" ? data.text : "");
        else if (event.event === "done") return data as unknown as ChatReply;
        else if (event.event === "error") {
          throw new ApiError(Number(data.status ?? 502), typeof data.detail === "string" ? data.detail : "The reply failed.");
        }
      }
    }
    throw new ApiError(0, "The connection closed before the reply was complete. Please try again.");
  }
}

function body(message: string, conversationId: number | null) {
  return conversationId === null ? { message } : { message, conversation_id: conversationId };
}
