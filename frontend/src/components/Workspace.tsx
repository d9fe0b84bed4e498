import { useCallback, useEffect, useMemo, useState } from "react";
import type { AgentInfo, Api, Conversation, Task, User } from "../api";
import { ChatKitPanel } from "../chatkit/ChatKitPanel";
import { chatKitSettings } from "../chatkit/settings";
import { ChatPanel } from "./ChatPanel";
import { ConversationList } from "./ConversationList";
import { TaskPanel } from "./TaskPanel";

interface Props {
  api: Api;
  user: User;
  onSignOut: () => void;
}

type View = "chat" | "tasks" | "history";

export function providerLabel(info: AgentInfo | null): string {
  if (!info) return "";
  if (info.provider === "offline") return "offline mode";
  return info.model ? `${info.model} (${info.provider})` : info.provider;
}

/** The signed-in screen: conversations, the chat, and the task panel. */
export function Workspace({ api, user, onSignOut }: Props) {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [taskError, setTaskError] = useState<string | null>(null);
  const [info, setInfo] = useState<AgentInfo | null>(null);
  const [view, setView] = useState<View>("chat");
  const [chatkitOn, setChatkitOn] = useState(false);
  const chatkit = useMemo(() => chatKitSettings(info), [info]);
  const chatkitFetch = useMemo(() => api.authorizedFetch(), [api]);

  const refreshTasks = useCallback(async () => {
    try {
      setTasks(await api.tasks());
      setTaskError(null);
    } catch (err) {
      setTaskError(err instanceof Error ? err.message : String(err));
    }
  }, [api]);

  const refreshConversations = useCallback(async () => {
    try {
      setConversations(await api.conversations());
    } catch {
      /* the list is a convenience; the chat itself reports errors */
    }
  }, [api]);

  useEffect(() => {
    void refreshTasks();
    // Back where you left off: the most recent conversation, not a new empty one on every visit.
    api.conversations().then(
      (list) => {
        setConversations(list);
        if (list.length > 0) setActive((current) => current ?? list[0]!.id);
      },
      () => {},
    );
    api.info().then(setInfo, () => setInfo(null));
    // "today" is the browser's today: the list is read again only if the zone changed
    void api.syncTimeZone(user).then((changed) => (changed ? refreshTasks() : undefined));
  }, [api, user, refreshTasks, refreshConversations]);

  const onConversation = useCallback(
    (id: number) => {
      setActive(id);
      void refreshConversations();
    },
    [refreshConversations],
  );

  return (
    <div className="workspace" data-view={view}>
      <header className="topbar">
        <div className="title">
          <span className="brand small" aria-hidden="true">✓</span>
          <h1 className="app-name">Todo Chatbot</h1>
          {info && (
            <span className="badge" data-testid="provider" title="Who answers your messages">
              {providerLabel(info)}
            </span>
          )}
        </div>
        <div className="account">
          {chatkit && (
            <button
              type="button"
              className="ghost"
              aria-pressed={chatkitOn}
              onClick={() => setChatkitOn((on) => !on)}
              data-testid="chatkit-toggle"
              title="Chat through OpenAI's ChatKit component (loaded from OpenAI's CDN)"
            >
              {chatkitOn ? "Regular chat" : "ChatKit"}
            </button>
          )}
          <span className="muted user-email" data-testid="user-email">{user.name ?? user.email}</span>
          <button type="button" className="ghost" onClick={onSignOut} data-testid="logout">
            Log out
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label="Sections">
        {(["chat", "tasks", "history"] as View[]).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`tab-${v}`}>
            {v === "chat" ? "Chat" : v === "tasks" ? `Tasks${tasks ? ` (${tasks.filter((t) => !t.completed).length})` : ""}` : "History"}
          </button>
        ))}
      </nav>
      <ConversationList
        conversations={conversations}
        activeId={active}
        onSelect={(id) => {
          setActive(id);
          setView("chat");
        }}
        onNew={() => {
          setActive(null);
          setView("chat");
        }}
      />
      {chatkit && chatkitOn ? (
        <ChatKitPanel
          domainKey={chatkit.domainKey}
          fetch={chatkitFetch}
          conversationId={active}
          onConversation={onConversation}
          onReplied={() => {
            void refreshTasks();
            void refreshConversations();
          }}
        />
      ) : (
        <ChatPanel api={api} conversationId={active} onConversation={onConversation} onToolsUsed={() => void refreshTasks()} />
      )}
      <TaskPanel api={api} tasks={tasks} error={taskError} onChanged={refreshTasks} />
    </div>
  );
}
