import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { ChatMessage } from "../api";
import { useApi, useMessages } from "../hooks/queries";
import { useChatStream, type LocalMessage } from "../hooks/useChatStream";
import { Markdown } from "../markdown";
import { loadDraft, saveDraft } from "../session";

export const SUGGESTIONS = ["add buy milk", "what's still open?", "I finished the milk one", "what can you do?"];
const MAX_LENGTH = 4000;

interface Props {
  conversationId: number | null;
  /** The history is still being read: which conversation opens is not known yet. */
  waiting?: boolean;
  onConversation: (id: number | null) => void;
}

function fromServer(message: ChatMessage): LocalMessage {
  // A reply that failed shows what was said before it failed and why, never an empty bubble.
  const content = message.error ? [message.content, `*${message.error}*`].filter(Boolean).join("\n\n") : message.content;
  return { key: `s${message.id}`, role: message.role, content, status: "done", baseline: 0 };
}

export function ChatPanel({ conversationId, waiting = false, onConversation }: Props) {
  const api = useApi();
  const stored = useMessages(conversationId);
  const chat = useChatStream(conversationId, onConversation);
  // What is being typed is kept (per user) until it is sent, so a trip through the login screen keeps it.
  const [draft, setDraftState] = useState(() => loadDraft(api.userId));
  const input = useRef<HTMLTextAreaElement>(null);
  const end = useRef<HTMLDivElement>(null);

  const setDraft = (text: string) => {
    setDraftState(text);
    saveDraft(api.userId, text);
  };

  const record = conversationId === null ? [] : (stored.data ?? []);
  const messages = [...record.map(fromServer), ...chat.local(record.length)];
  const loading = waiting || (conversationId !== null && stored.isPending);

  const shown = messages.length;
  const last = messages.at(-1)?.content;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [shown, last]);

  // A new conversation starts in the composer; so does every finished reply (it is disabled while one is in flight).
  useEffect(() => {
    if (conversationId === null) input.current?.focus();
  }, [conversationId]);
  const wasSending = useRef(false);
  useEffect(() => {
    if (wasSending.current && !chat.sending) input.current?.focus();
    wasSending.current = chat.sending;
  }, [chat.sending]);

  async function send(text: string) {
    const message = text.trim();
    if (!message || chat.sending || message.length > MAX_LENGTH) return;
    setDraftState(""); // the stored copy stays until the turn is done: a 401 on the way keeps it
    saveDraft(api.userId, message);
    const ok = await chat.send(message, record.length);
    if (ok) saveDraft(api.userId, input.current?.value ?? "");
    else setDraftState((d) => d || message); // a failed send never loses the typed text
  }

  async function retry(failed: LocalMessage) {
    if (draft.trim() === failed.content) setDraft("");
    await chat.retry(failed, record.length);
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
  const sending = chat.sending;

  return (
    <section className="chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="visually-hidden">Chat</h2>
      <div className="messages" role="log" aria-live="polite" aria-busy={sending} data-testid="messages">
        {loading && <p className="muted center">Loading conversation…</p>}
        {stored.error && <p className="error" role="alert">{stored.error.message}</p>}
        {!loading && messages.length === 0 && !stored.error && (
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
                <button type="button" className="small" onClick={() => void retry(m)} data-testid="retry">
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
