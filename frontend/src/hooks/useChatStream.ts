/**
 * One chat turn at a time: the typed message and the reply as it streams in are shown at once;
 * when the turn is done the conversation's record is read again (it now holds both), the history
 * list is refreshed, and so are the task lists when the turn used a tool. A turn that set a reminder
 * asks for notifications, if they were never asked for (src/notifications.ts).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { newClientMessageId } from "../api";
import { askPermission, setsReminder } from "../notifications";
import { keys, useApi, useInvalidateTasks } from "./queries";

export interface LocalMessage {
  key: string;
  role: "user" | "assistant";
  content: string;
  status: "done" | "streaming" | "failed";
  error?: string;
  clientId?: string; // a failed message keeps its id, so a retry is never applied twice
  /** How many stored messages the conversation had when this was sent: once the record has more, it shows them. */
  baseline: number;
}

export interface ChatStream {
  /** What is on screen besides the stored record: the turn in flight, and a failed message with its reason. */
  local: (stored: number) => LocalMessage[];
  sending: boolean;
  /** Sends a message; resolves to false when it failed (the reason is on the message). */
  send: (text: string, stored: number, clientId?: string) => Promise<boolean>;
  /** Sends a failed message again, with the same client_message_id. */
  retry: (failed: LocalMessage, stored: number) => Promise<boolean>;
}

let counter = 0;
const nextKey = () => `m${++counter}`;

/**
 * `onConversation` is told the conversation a message goes to as it is sent (null: a new one), so the
 * workspace keeps it open while the turn runs (a history list that arrives meanwhile must not open
 * another conversation and drop the reply), and the conversation the turn was stored in once it ends.
 */
export function useChatStream(conversationId: number | null, onConversation: (id: number | null) => void): ChatStream {
  const api = useApi();
  const client = useQueryClient();
  const invalidateTasks = useInvalidateTasks();
  // What is shown besides the record, and the conversation it belongs to: another conversation never shows it.
  const [pending, setPendingState] = useState<{ owner: number | null; items: LocalMessage[] }>({ owner: conversationId, items: [] });
  const setPending = (change: (items: LocalMessage[]) => LocalMessage[]) =>
    setPendingState((p) => ({ owner: p.owner, items: change(p.items) }));
  const [sending, setSending] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const target = useRef<number | null>(conversationId);

  // Another conversation opened: what was in flight for the previous one is dropped.
  useEffect(() => {
    if (conversationId === target.current) return;
    target.current = conversationId;
    abort.current?.abort();
    setPendingState({ owner: conversationId, items: [] });
  }, [conversationId]);

  useEffect(() => () => abort.current?.abort(), []);

  const send = useCallback(
    async (text: string, stored: number, clientId: string = newClientMessageId()): Promise<boolean> => {
      const message = text.trim();
      if (!message || abort.current) return false;
      const userKey = nextKey();
      const replyKey = nextKey();
      setSending(true);
      setPendingState((p) => ({
        owner: target.current,
        items: [
          ...(p.owner === target.current ? p.items.filter((m) => m.status === "failed" && m.baseline >= stored) : []),
          { key: userKey, role: "user", content: message, status: "done", clientId, baseline: stored },
          { key: replyKey, role: "assistant", content: "", status: "streaming", baseline: stored },
        ],
      }));
      const controller = new AbortController();
      abort.current = controller;
      onConversation(target.current); // the one this message goes to stays open while it is answered
      const update = (key: string, change: (m: LocalMessage) => LocalMessage) =>
        setPending((list) => list.map((m) => (m.key === key ? change(m) : m)));
      try {
        const reply = await api.chatStream(message, target.current, {
          signal: controller.signal,
          clientMessageId: clientId,
          onDelta: (delta) => update(replyKey, (m) => ({ ...m, content: m.content + delta })),
        });
        update(replyKey, (m) => ({ ...m, content: reply.response, status: "done" }));
        // "remind me to call mum at 5pm": a reminder set by chat asks for notifications as one set in the panel does
        if (setsReminder(reply.tool_calls)) void askPermission();
        const id = reply.conversation_id;
        target.current = id;
        // The history and the task lists are read again at once, whatever happens to the
        // messages' own refetch below (the panel must never wait on it).
        void client.invalidateQueries({ queryKey: keys.conversations(api.userId) });
        if (reply.tool_calls.length > 0) void invalidateTasks();
        await client.invalidateQueries({ queryKey: keys.messages(api.userId, id) });
        setPendingState((p) => ({ ...p, owner: id })); // together with the line below: one render
        onConversation(id); // new, or newly most recent in the history list
        return true;
      } catch (err) {
        if (controller.signal.aborted) return false;
        const error = err instanceof Error ? err.message : String(err);
        setPending((list) =>
          list.filter((m) => m.key !== replyKey).map((m) => (m.key === userKey ? { ...m, status: "failed", error } : m)),
        );
        return false;
      } finally {
        if (abort.current === controller) abort.current = null;
        setSending(false);
      }
    },
    [api, client, invalidateTasks, onConversation],
  );

  const retry = useCallback(
    (failed: LocalMessage, stored: number) => {
      setPending((list) => list.filter((m) => m.key !== failed.key));
      return send(failed.content, stored, failed.clientId);
    },
    [send],
  );

  // The turn in flight always shows; a finished one until the stored record has caught up with it.
  const local = useCallback(
    (stored: number) =>
      pending.owner === conversationId ? pending.items.filter((m) => m.status === "streaming" || stored <= m.baseline) : [],
    [pending, conversationId],
  );

  return { local, sending, send, retry };
}
