/**
 * Every change the task panel makes, as one mutation: it calls the API, says in words what it
 * did (for the toast, which offers to undo it), and marks the task lists stale whatever happened.
 */
import { useMutation } from "@tanstack/react-query";
import type { Api, Task, TaskChanges } from "../api";
import { askPermission } from "../notifications";
import { momentWords, withOffset } from "../reminders";
import { useApi, useInvalidateTasks } from "./queries";

export type Change =
  | { kind: "toggle"; task: Task }
  | { kind: "rename"; task: Task; title: string }
  | { kind: "details"; task: Task; changes: TaskChanges }
  | { kind: "delete"; task: Task }
  | { kind: "quick"; text: string }
  | { kind: "clear-completed" }
  /** From a reminder: done (never reopens one another tab completed already), or remind again at `at`. */
  | { kind: "complete"; id: number; title: string }
  | { kind: "snooze"; id: number; title: string; at: Date }
  | { kind: "undo" };

export interface Outcome {
  text: string;
  /** false for an undo itself (undo again with Ctrl+Z, or from the chat) */
  undoable: boolean;
  /** the task the change was about, when it still exists */
  taskId?: number;
  /** an undo's tasks, as the server lists them (what came back, or what it took away) */
  taskIds?: number[];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** 'deleting "Buy milk"' (the API's words for an undone change) as the app quotes titles: 'deleting “Buy milk”'. */
const curly = (text: string) => text.replace(/"([^"]*)"/g, "“$1”");

export async function perform(api: Api, change: Change): Promise<Outcome> {
  switch (change.kind) {
    case "toggle": {
      const task = await api.toggleTask(change.task.id);
      return { text: `${task.completed ? "Completed" : "Reopened"} “${task.title}”.`, undoable: true, taskId: task.id };
    }
    case "rename": {
      const task = await api.updateTask(change.task.id, { title: change.title });
      return { text: `Renamed “${change.task.title}” to “${task.title}”.`, undoable: true, taskId: task.id };
    }
    case "details": {
      const task = await api.updateTask(change.task.id, change.changes);
      return { text: `Saved “${task.title}”.`, undoable: true, taskId: task.id };
    }
    case "delete":
      await api.deleteTask(change.task.id);
      return { text: `Deleted “${change.task.title}”.`, undoable: true };
    case "quick": {
      const added = await api.quickAdd(change.text);
      if (added.some((t) => t.reminder)) void askPermission(); // "… remind me 30 minutes before": a reminder set, by the person's Enter
      const text = added.length === 1 ? `Added “${added[0]!.title}”.` : `Added ${plural(added.length, "task")}.`;
      return { text, undoable: true };
    }
    case "complete": {
      const task = await api.updateTask(change.id, { completed: true });
      return { text: `Completed “${task.title}”.`, undoable: true, taskId: task.id };
    }
    case "snooze": {
      const task = await api.updateTask(change.id, { reminder: { at: withOffset(change.at) } });
      return { text: `I'll remind you of “${task.title}” again ${momentWords(change.at)}.`, undoable: true, taskId: task.id };
    }
    case "clear-completed": {
      const deleted = await api.clearCompleted();
      return { text: `Deleted ${plural(deleted.length, "completed task")}.`, undoable: deleted.length > 0 };
    }
    case "undo": {
      const result = await api.undo();
      return { text: `Undone: ${curly(result.undone)}.`, undoable: false, taskId: result.tasks[0]?.id, taskIds: result.tasks.map((t) => t.id) };
    }
  }
}

export function useTaskChange() {
  const api = useApi();
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (change: Change) => perform(api, change),
    // After a change the lists are read again before it counts as done (focus then finds the moved row);
    // after a failure they are read again too, but nobody waits: a server that is away may take a while.
    onSettled: (_data, error) => (error ? void invalidate() : invalidate()),
  });
}
