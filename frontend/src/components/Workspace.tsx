import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useQueryClient } from "@tanstack/react-query";
import type { AgentInfo, User } from "../api";
import { ChatKitPanel } from "../chatkit/ChatKitPanel";
import { chatKitSettings } from "../chatkit/settings";
import { keys, useApi, useConversations, useInfo, useInvalidateTasks, useMe, useReconnect, useTasks } from "../hooks/queries";
import { useEventStream } from "../hooks/useEventStream";
import { useShortcuts } from "../hooks/useShortcuts";
import type { Command } from "../keys";
import { onNotificationClick, startNotifications } from "../notifications";
import { ChatPanel } from "./ChatPanel";
import { ConnectedApps } from "./ConnectedApps";
import { ConversationList } from "./ConversationList";
import { DeleteAccount } from "./DeleteAccount";
import { Reminders } from "./Reminders";
import { ReminderSettings } from "./ReminderSettings";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { TaskPanel, type TaskPanelHandle } from "./TaskPanel";

interface Props {
  user: User;
  onSignOut: () => void;
}

type View = "chat" | "tasks" | "history";

export function providerLabel(info: AgentInfo | undefined): string {
  if (!info) return "";
  if (info.provider === "offline") return "offline mode";
  return info.model ? `${info.model} (${info.provider})` : info.provider;
}

/** The signed-in screen: conversations, the chat, and the task panel. */
export function Workspace({ user: signedIn, onSignOut }: Props) {
  const api = useApi();
  const client = useQueryClient();
  const invalidateTasks = useInvalidateTasks();
  const conversations = useConversations();
  const info = useInfo();
  const me = useMe();
  const user = me.data ?? signedIn;
  const tasks = useTasks(); // the panel's own list while it has no filter: one request for both
  const reachable = useReconnect();
  const events = useEventStream(); // other tabs' and channels' changes, and reminders, as they happen
  const [view, setView] = useState<View>("chat");
  // The one source of truth for the open conversation: undefined = not chosen yet, which is the
  // most recent one (a visit reopens it instead of starting an empty one); null = a new chat.
  const [chosen, setChosen] = useState<number | null | undefined>(undefined);
  const active = chosen === undefined ? (conversations.data?.[0]?.id ?? null) : chosen;
  const [chatkitOn, setChatkitOn] = useState(false);
  const chatkit = useMemo(() => chatKitSettings(info.data ?? null), [info.data]);
  const chatkitFetch = useMemo(() => api.authorizedFetch(), [api]);

  // "today" is the browser's today: the lists are read again only if the zone changed.
  useEffect(() => {
    if (!me.data) return;
    void api.syncTimeZone(me.data).then((changed) => {
      if (!changed) return;
      client.setQueryData(keys.me(api.userId), changed); // the answer is the user as changed: no second read
      void invalidateTasks();
    });
  }, [api, client, me.data, invalidateTasks]);

  const onConversation = useCallback((id: number | null) => setChosen(id), []);

  // What changes without moving focus is said in a live region (a view shown by a key, ...).
  const [said, setSaid] = useState("");
  const announce = useCallback((text: string) => setSaid((before) => (before === text ? `${text}\u200b` : text)), []);
  const panel = useRef<TaskPanelHandle>(null);
  const [help, setHelp] = useState(false);
  const [settings, setSettings] = useState(false);
  const [apps, setApps] = useState(false);
  // Reminders as system notifications: the worker is registered at load only if they were allowed
  // before (permission is asked when a reminder is first set); a clicked one shows its task.
  useEffect(() => {
    startNotifications();
    return onNotificationClick((id) => {
      flushSync(() => setView("tasks"));
      panel.current?.focusTask(id);
    });
  }, []);
  // On a phone one section shows at a time: it is shown before focus moves into it.
  const show = (section: View) => flushSync(() => setView(section));
  useShortcuts((command: Command) => {
    switch (command.kind) {
      case "quick-add":
        show("tasks");
        panel.current?.focusQuickAdd();
        break;
      case "chat":
        show("chat");
        document.getElementById("composer-input")?.focus();
        break;
      case "help":
        setHelp(true);
        break;
      case "undo":
        panel.current?.undo();
        break;
      case "view":
        show("tasks");
        panel.current?.showView(command.view);
        break;
      case "section":
        show(command.section);
        if (command.section === "tasks") panel.current?.focusList();
        else if (command.section === "chat") document.getElementById("composer-input")?.focus();
        else
          (document.querySelector<HTMLElement>("[data-testid=conversation][aria-current=true]") ??
            document.querySelector<HTMLElement>("[data-testid=new-chat]"))?.focus();
        break;
    }
  });
  const count = tasks.data ? ` (${tasks.data.filter((t) => !t.completed).length})` : "";

  return (
    <div className="workspace" data-view={view}>
      <header className="topbar">
        <div className="title">
          <span className="brand small" aria-hidden="true">✓</span>
          <h1 className="app-name">Todo Chatbot</h1>
          {info.data && (
            <span className="badge" data-testid="provider" title="Who answers your messages">
              {providerLabel(info.data)}
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
          <button
            type="button"
            className="ghost icon-button"
            onClick={() => setSettings(true)}
            aria-label="Reminders and calendar"
            title="Reminders and calendar"
            data-testid="settings-button"
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M10 2.8a4.6 4.6 0 0 0-4.6 4.6v3.2L4 13.6h12l-1.4-3V7.4A4.6 4.6 0 0 0 10 2.8zM8.2 15.6a1.9 1.9 0 0 0 3.6 0" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinejoin="round" />
            </svg>
          </button>
          <button
            type="button"
            className="ghost shortcuts-button"
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            data-testid="shortcuts-button"
          >
            ?
          </button>
          <button type="button" className="ghost" onClick={onSignOut} data-testid="logout">
            Log out
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label="Sections">
        {(["chat", "tasks", "history"] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`tab-${v}`}>
            {v === "chat" ? "Chat" : v === "tasks" ? `Tasks${count}` : "History"}
          </button>
        ))}
      </nav>
      <ConversationList
        footer={
          <DeleteAccount email={user.email} onDeleted={onSignOut}>
            <button type="button" className="ghost" onClick={() => setApps(true)} data-testid="connected-apps-button">
              Connected apps
            </button>
          </DeleteAccount>
        }
        conversations={conversations.data ?? []}
        activeId={active}
        onSelect={(id) => {
          setChosen(id);
          setView("chat");
        }}
        onNew={() => {
          setChosen(null);
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
            void invalidateTasks();
            void client.invalidateQueries({ queryKey: keys.conversations(api.userId) });
          }}
        />
      ) : (
        <ChatPanel conversationId={active} waiting={chosen === undefined && conversations.isPending} onConversation={onConversation} />
      )}
      <TaskPanel ref={panel} announce={announce} />
      <Reminders
        reminders={events.reminders}
        dismiss={events.dismiss}
        act={async (change) => Boolean(await panel.current?.act(change))}
      />
      <div className="connection-region" role="status">
        {!reachable && (
          <p className="connection" data-testid="connection-error">
            Can't reach the server. Trying again…
          </p>
        )}
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ReminderSettings open={settings} onClose={() => setSettings(false)} />
      <ConnectedApps open={apps} onClose={() => setApps(false)} />
      <div className="visually-hidden" role="status" data-testid="announcer">{said}</div>
    </div>
  );
}
