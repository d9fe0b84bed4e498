/**
 * The workspace's one event stream (src/events.ts), wired to the query cache: a change to the tasks
 * from anywhere reads the task lists again; a stored chat turn reads that conversation and the
 * history again (so a second tab shows the first tab's turns); a reminder is shown in the page and,
 * where the person allowed it, as a system notification.
 */
import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { watchEvents, type ReminderTask } from "../events";
import { notify } from "../notifications";
import { keys, refreshTasks, useApi } from "./queries";

export interface Reminder {
  task: ReminderTask;
  late: boolean;
}

export function useEventStream(): { reminders: Reminder[]; dismiss: (taskId: number) => void } {
  const api = useApi();
  const client = useQueryClient();
  // The reminders shown, newest last; a task's second reminder (snoozed, then fired again) replaces its first.
  const [reminders, setReminders] = useState<Reminder[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    const tasks = () => void refreshTasks(client, api.userId);
    const chats = () => {
      void client.invalidateQueries({ queryKey: keys.conversations(api.userId) });
      void client.invalidateQueries({ queryKey: ["messages", api.userId] });
    };
    void watchEvents(api, {
      signal: controller.signal,
      onOpen: (reconnected) => {
        if (!reconnected) return;
        tasks(); // what changed while the stream was closed is not known
        chats();
      },
      onEvent: (event) => {
        switch (event.kind) {
          case "tasks":
            // only the task lists: a chat turn's messages are read again on its `messages` event, once its
            // reply is stored (reading them mid-turn replaced the reply this tab was still streaming)
            tasks();
            break;
          case "messages":
            void client.invalidateQueries({ queryKey: keys.conversations(api.userId) });
            void client.invalidateQueries({ queryKey: keys.messages(api.userId, event.conversationId) });
            break;
          case "reminder":
            tasks();
            setReminders((shown) => [...shown.filter((r) => r.task.id !== event.task.id), { task: event.task, late: event.late }]);
            void notify(event.task, event.late); // a system notification too, where the person allowed them
            break;
        }
      },
    });
    return () => controller.abort();
  }, [api, client]);

  const dismiss = useCallback((taskId: number) => setReminders((shown) => shown.filter((r) => r.task.id !== taskId)), []);
  return { reminders, dismiss };
}
