/**
 * The user's event stream (GET /api/{user_id}/events): what changed, from any tab, chat, MCP client
 * or reminder. A browser's EventSource can't send the Authorization header, so the stream is read
 * with fetch and parsed by src/sse.ts. One stream per tab; when it ends or fails it is opened again
 * after a wait that grows with each failure in a row (src/connection.ts's backoff).
 */
import { ApiError, isRecord, type Api } from "./api";
import { backoff } from "./connection";
import { SseParser } from "./sse";

/** What a reminder shows of its task (checked field by field, not assumed). */
export interface ReminderTask {
  id: number;
  title: string;
  due_time: string | null;
}

export type AppEvent =
  | { kind: "tasks"; ids: number[]; source: string }
  | { kind: "messages"; conversationId: number }
  | { kind: "reminder"; task: ReminderTask; late: boolean };

/** One server-sent event, checked: unknown or malformed events are left out. */
export function readEvent(name: string, data: string): AppEvent | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(payload)) return null;
  if (name === "tasks") {
    const ids = Array.isArray(payload.ids) ? payload.ids.filter((id): id is number => typeof id === "number") : [];
    return { kind: "tasks", ids, source: typeof payload.source === "string" ? payload.source : "" };
  }
  if (name === "messages" && typeof payload.conversation_id === "number") return { kind: "messages", conversationId: payload.conversation_id };
  const task = payload.task;
  if (name === "reminder" && isRecord(task) && typeof task.id === "number" && typeof task.title === "string") {
    const dueTime = typeof task.due_time === "string" ? task.due_time : null;
    return { kind: "reminder", task: { id: task.id, title: task.title, due_time: dueTime }, late: payload.late === true };
  }
  return null;
}

export interface Watch {
  onEvent: (event: AppEvent) => void;
  /** Each time the stream is open (again): what happened while it was closed is not known, so read everything. */
  onOpen?: (reconnected: boolean) => void;
  signal: AbortSignal;
  /** Waits `ms` (or until the signal aborts); replaceable in tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Reads the stream until the signal aborts, opening it again whenever it ends or fails. */
export async function watchEvents(api: Api, { onEvent, onOpen, signal, sleep = sleepFor }: Watch): Promise<void> {
  let failures = 0;
  let opened = false;
  while (!signal.aborted) {
    try {
      const body = await api.eventStream(signal);
      onOpen?.(opened);
      opened = true;
      failures = 0;
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const item of parser.feed(value)) {
          const event = readEvent(item.event, item.data);
          if (event) onEvent(event);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) return; // signed out: the app shows the login
    }
    if (signal.aborted) return;
    await sleep(backoff(failures), signal);
    failures += 1;
  }
}
