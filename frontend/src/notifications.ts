/**
 * Reminders as system notifications, where the person allowed them: shown through the app's
 * service worker (public/sw.js, served from this origin) with `registration.showNotification`, so
 * they work on every browser that has notifications (some refuse `new Notification` in a page).
 * Permission is asked only when a person first sets a reminder (in the details, by quick add or by
 * chat), never at load; the worker is
 * registered only once permission is there. Clicking a notification focuses the app's tab, and
 * the tab focuses the task (the worker posts {type: "focus-task", id}).
 */
import { useSyncExternalStore } from "react";
import { isRecord, type ToolCall } from "./api";
import type { ReminderTask } from "./events";

export type Permission = NotificationPermission | "unsupported";

const SAID_KEY = "todo-chatbot.notifications-off-said";
const WORKER_URL = "/sw.js";

export function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window && "serviceWorker" in navigator;
}

export function permission(): Permission {
  return supported() ? Notification.permission : "unsupported";
}

let registration: Promise<ServiceWorkerRegistration | null> | null = null;

/** The app's service worker, registered on first need (never before permission is there). */
export function worker(): Promise<ServiceWorkerRegistration | null> {
  if (!supported()) return Promise.resolve(null);
  registration ??= navigator.serviceWorker
    .register(WORKER_URL, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .catch(() => {
      registration = null; // asked again next time
      return null;
    });
  return registration;
}

/** At load: the worker is registered only if notifications were allowed before. */
export function startNotifications(): void {
  if (permission() === "granted") void worker();
}

// "Notifications are off": said once in the page, the first time a reminder is set without them.
const listeners = new Set<() => void>();
let notice = false;
export const offNotice = {
  get: (): boolean => notice,
  set: (next: boolean): void => {
    if (next === notice) return;
    notice = next;
    for (const listener of listeners) listener();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useOffNotice(): boolean {
  return useSyncExternalStore(offNotice.subscribe, offNotice.get);
}

/**
 * Called when the person sets a reminder (inside their click or key press, which a browser asks
 * for): asks for permission if it was never asked. When notifications are off, says once that
 * reminders show only in open tabs.
 */
export async function askPermission(storage: Storage = localStorage): Promise<Permission> {
  let answer = permission();
  if (answer === "default") {
    try {
      answer = await Notification.requestPermission();
    } catch {
      answer = permission();
    }
  }
  if (answer === "granted") void worker();
  else if (answer !== "default" && !storage.getItem(SAID_KEY)) {
    storage.setItem(SAID_KEY, "1");
    offNotice.set(true);
  }
  return answer;
}

/**
 * Whether a chat turn set a reminder: a task added or changed with one ("remind me to call mum at
 * 5pm", "remind me again in 10 minutes"), as its tool calls show. Such a turn asks for permission
 * as the details editor's Save does.
 */
export function setsReminder(calls: readonly ToolCall[]): boolean {
  return calls.some(
    ({ name, arguments: args, result }) =>
      (name === "add_task" || name === "update_task") &&
      isRecord(args.reminder) &&
      isRecord(result) &&
      isRecord(result.task) &&
      isRecord(result.task.reminder),
  );
}

/** What a reminder's notification says. */
export function notificationText(task: ReminderTask, late: boolean): { title: string; body: string } {
  return {
    title: late ? "Missed reminder" : "Reminder",
    body: task.due_time ? `${task.title} (due ${task.due_time})` : task.title,
  };
}

/** Shows a fired reminder as a system notification, if allowed; one per task however many tabs are open. */
export async function notify(task: ReminderTask, late: boolean): Promise<boolean> {
  if (permission() !== "granted") return false;
  const registered = await worker();
  if (!registered) return false;
  const { title, body } = notificationText(task, late);
  try {
    // The same tag in every tab: a second tab's notification replaces the first one's instead of doubling it.
    await registered.showNotification(title, { body, tag: `reminder-${task.id}`, data: { taskId: task.id }, icon: "/favicon.svg" });
    return true;
  } catch {
    return false;
  }
}

/** Calls `focus` with a task's id when its notification was clicked (the worker says so). */
export function onNotificationClick(focus: (taskId: number) => void): () => void {
  if (!supported()) return () => {};
  const listener = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data === "object" && data !== null && "type" in data && data.type === "focus-task" && "id" in data && typeof data.id === "number") {
      focus(data.id);
    }
  };
  navigator.serviceWorker.addEventListener("message", listener);
  return () => navigator.serviceWorker.removeEventListener("message", listener);
}
