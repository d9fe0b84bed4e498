import type { ReactNode } from "react";
import type { Conversation } from "../api";

interface Props {
  footer?: ReactNode;
  conversations: Conversation[];
  activeId: number | null;
  onSelect: (id: number) => void;
  onNew: () => void;
}

const when = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export function ConversationList({ conversations, activeId, onSelect, onNew, footer }: Props) {
  return (
    <aside className="history" aria-labelledby="history-title">
      <div className="panel-head">
        <h2 id="history-title">History</h2>
        <button type="button" className="primary small" onClick={onNew} data-testid="new-chat">
          New chat
        </button>
      </div>
      {conversations.length === 0 ? (
        <p className="empty">Your conversations will appear here.</p>
      ) : (
        <ul className="conversation-list" data-testid="conversations">
          {conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-current={c.id === activeId ? "true" : undefined}
                onClick={() => onSelect(c.id)}
                data-testid="conversation"
              >
                <span className="conversation-title">{c.title ?? `Conversation ${c.id}`}</span>
                <time className="muted" dateTime={c.updated_at}>{when.format(new Date(c.updated_at))}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {footer}
    </aside>
  );
}
