import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { type Api, type ChatMessage, newClientMessageId } from "../api";
import { Markdown } from "../markdown";

export const SUGGESTIONS = ["add buy milk", "what's still open?", "I finished the milk one", "what can you do?"];
const MAX_LENGTH = 4000;

export interface LocalMessage {
  key: string;
  role: "user" | "assistant";
  content: string;
  status: "done" | "streaming" | "failed";
  error?: string;
  clientId?: string; // a failed message keeps its id, so a retry is never applied twice
}

interface Props {
  api: Api;
  conversationId: number | null;
  onConversation: (id: number) => void;
  onToolsUsed: () => void;
}

let counter = 0;
const nextKey = () => `m${++counter}`;

function fromServer(message: ChatMessage): LocalMessage {
  // A reply that failed shows what was said before it failed and why, never an empty bubble.
  const content = message.error ? [message.content, `*${message.error}*`].filter(Boolean).join("\n\n") : message.content;
  return { key: `s${message.id}`, role: message.role, content, status: "done" };
}

export function ChatPanel({ api, conversationId, onConversation, onToolsUsed }: Props) {
  const [messages, setMessages] = useState<LocalMessage[]>([]);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const current = useRef<number | null>(conversationId);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const end = useRef<HTMLDivElement>(null);

  // Opening another conversation loads its history; the one this panel just
  // started is already on screen.
  useEffect(() => {
    if (conversationId === current.current) return;
    current.current = conversationId;
    abort.current?.abort();
    setLoadError(null);
    if (conversationId === null) {
      setMessages([]);
      input.current?.focus();
      return;
    }
    let live = true;
    setLoading(true);
    api
      .messages(conversationId)
      .then((found) => live && setMessages(found.map(fromServer)))
      .catch((err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  useEffect(() => () => abort.current?.abort(), []);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [messages]);

  // Back to the composer once a reply is in (it is disabled while one is in flight).
  const wasSending = useRef(false);
  useEffect(() => {
    if (wasSending.current && !sending) input.current?.focus();
    wasSending.current = sending;
  }, [sending]);

  const send = useCallback(
    async (text: string, clientId: string = newClientMessageId()) => {
      const message = text.trim();
      if (!message || sending) return;
      if (message.length > MAX_LENGTH) return;
      const userKey = nextKey();
      const replyKey = nextKey();
      setDraft("");
      setSending(true);
      setMessages((list) => [
        ...list,
        { key: userKey, role: "user", content: message, status: "done", clientId },
        { key: replyKey, role: "assistant", content: "", status: "streaming" },
      ]);
      const controller = new AbortController();
      abort.current = controller;
      try {
        const reply = await api.chatStream(message, current.current, {
          signal: controller.signal,
          clientMessageId: clientId,
          onDelta: (delta) =>
            setMessages((list) => list.map((m) => (m.key === replyKey ? { ...m, content: m.content + delta } : m))),
        });
        setMessages((list) =>
          list.map((m) => (m.key === replyKey ? { ...m, content: reply.response, status: "done" } : m)),
        );
        current.current = reply.conversation_id;
        onConversation(reply.conversation_id); // new, or newly most recent in the history list
        if (reply.tool_calls.length > 0) onToolsUsed();
      } catch (err) {
        if (controller.signal.aborted) return;
        const error = err instanceof Error ? err.message : String(err);
        setMessages((list) =>
          list
            .filter((m) => m.key !== replyKey)
            .map((m) => (m.key === userKey ? { ...m, status: "failed", error } : m)),
        );
        setDraft((d) => d || message); // a failed send never loses the typed text
      } finally {
        setSending(false);
      }
    },
    [api, onConversation, onToolsUsed, sending],
  );

  function retry(failed: LocalMessage) {
    setMessages((list) => list.filter((m) => m.key !== failed.key));
    if (draft.trim() === failed.content) setDraft("");
    void send(failed.content, failed.clientId);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(draft);
  }

  function keys(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(draft);
    }
  }

  const tooLong = draft.length > MAX_LENGTH;

  return (
    <section className="chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="visually-hidden">Chat</h2>
      <div className="messages" role="log" aria-live="polite" aria-busy={sending} data-testid="messages">
        {loading && <p className="muted center">Loading conversation…</p>}
        {loadError && <p className="error" role="alert">{loadError}</p>}
        {!loading && messages.length === 0 && !loadError && (
          <div className="welcome" data-testid="welcome">
            <h3>What needs doing?</h3>
            <p className="muted">Tell me in your own words. Try one of these:</p>
            <div className="suggestions">
              {SUGGESTIONS.map((s) => (
                <button key={s} type="button" className="chip" onClick={() => void send(s)} disabled={sending} data-testid="suggestion">
                  {s}
                </button>
              ))}
            </div>
          </div>
        )}
        {messages.map((m) => (
          <article key={m.key} className={`message ${m.role} ${m.status}`} data-testid={`message-${m.role}`}>
            <span className="visually-hidden">{m.role === "user" ? "You said:" : "Assistant:"}</span>
            {m.role === "assistant" ? (
              m.content ? (
                <div className="bubble markdown"><Markdown text={m.content} /></div>
              ) : (
                <div className="bubble thinking" data-testid="thinking" aria-label="Thinking">
                  <span className="dot" /> <span className="dot" /> <span className="dot" /> <span className="visually-hidden">Thinking…</span>
                </div>
              )
            ) : (
              <div className="bubble">{m.content}</div>
            )}
            {m.status === "failed" && (
              <div className="send-error" role="alert" data-testid="send-error">
                <span>{m.error}</span>
                <button type="button" className="small" onClick={() => retry(m)} data-testid="retry">
                  Retry
                </button>
              </div>
            )}
          </article>
        ))}
        <div ref={end} />
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor="composer-input" className="visually-hidden">Message</label>
        <textarea
          id="composer-input"
          ref={input}
          rows={2}
          value={draft}
          placeholder="Type a message — e.g. remind me to call mom"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={keys}
          disabled={sending}
          aria-describedby="composer-help"
          data-testid="composer"
          autoFocus
        />
        <button type="submit" className="primary" disabled={sending || !draft.trim() || tooLong} data-testid="send">
          {sending ? "…" : "Send"}
        </button>
        <p id="composer-help" className={tooLong ? "hint error-text" : "hint"}>
          {tooLong ? `Too long: ${draft.length}/${MAX_LENGTH} characters.` : "Enter sends · Shift+Enter for a new line"}
        </p>
      </form>
    </section>
  );
}
