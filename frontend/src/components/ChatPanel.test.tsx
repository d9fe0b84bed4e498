import { useState } from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, type ChatMessage, type ChatReply } from "../api";
import { loadDraft, saveDraft } from "../session";
import { renderWithApi, session, task } from "../test-utils";
import { ChatPanel } from "./ChatPanel";
import { TaskPanel } from "./TaskPanel";

const added: ChatReply = {
  conversation_id: 7,
  response: "Added “Buy milk”.",
  tool_calls: [{ name: "add_task", arguments: { title: "Buy milk" }, result: {} }],
};

const message = (id: number, role: "user" | "assistant", content: string, more: Partial<ChatMessage> = {}): ChatMessage => ({
  id, role, content, tool_calls: [], created_at: "2026-01-01T00:00:00Z", ...more,
});

/** An API whose chat stores what it answered, as the server does. */
function setup(chatStream: Api["chatStream"], conversationId: number | null = null) {
  const api = new Api(session);
  const record: ChatMessage[] = [];
  api.chatStream = vi.fn(async (text, id, handlers) => {
    const reply = await chatStream(text, id, handlers);
    record.push(message(record.length + 1, "user", text), message(record.length + 2, "assistant", reply.response));
    return reply;
  });
  api.messages = vi.fn(async () => [...record]);
  const onConversation = vi.fn();
  const view = renderWithApi(<Opened first={conversationId} onConversation={onConversation} />, api);
  return { api, onConversation, view };
}

/** The panel as the workspace holds it: the conversation a turn started becomes the open one. */
function Opened({ first, onConversation }: { first: number | null; onConversation: (id: number | null) => void }) {
  const [open, setOpen] = useState(first);
  return (
    <ChatPanel
      conversationId={open}
      onConversation={(id) => {
        onConversation(id);
        setOpen(id);
      }}
    />
  );
}

const composer = () => screen.getByTestId("composer") as HTMLTextAreaElement;

/**
 * The workspace's rule for the open conversation: the history's latest until one is chosen. `list`
 * puts a conversation at the top of the history (its list arriving).
 */
function Chosen({ list }: { list: (put: (id: number) => void) => void }) {
  const [chosen, setChosen] = useState<number | null | undefined>(undefined);
  const [latest, setLatest] = useState<number | null>(null);
  list(setLatest);
  return <ChatPanel conversationId={chosen === undefined ? latest : chosen} onConversation={setChosen} />;
}

describe("ChatPanel", () => {
  it("keeps a message's conversation open while it is answered: a history list arriving meanwhile drops nothing", async () => {
    // Just after logging in: the history is still loading when a message is sent; its list arrives
    // during the turn with the conversation the turn has just made.
    let put: (id: number) => void = () => {};
    const api = new Api(session);
    api.messages = vi.fn(async () => []);
    api.chatStream = vi.fn(async () => {
      put(7);
      await new Promise((r) => setTimeout(r, 20));
      return added;
    });
    const { client } = renderWithApi(<Chosen list={(p) => (put = p)} />, api);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await userEvent.type(composer(), "add buy milk{Enter}");
    expect(await screen.findByText("Added “Buy milk”.")).toBeTruthy();
    await waitFor(() => expect(invalidate).toHaveBeenCalledWith({ queryKey: ["tasks", session.user.id] }));
  });

  it("sends on Enter, streams the reply and opens the conversation it started", async () => {
    const { onConversation } = setup(async (_m, _c, h) => {
      h.onDelta("Added ");
      return added;
    });
    await userEvent.type(composer(), "add buy milk{Enter}");
    expect(await screen.findByText("Added “Buy milk”.")).toBeTruthy();
    expect(screen.getByTestId("message-user").textContent).toContain("add buy milk");
    await waitFor(() => expect(onConversation).toHaveBeenCalledWith(7));
    expect(composer().value).toBe("");
    expect(loadDraft(session.user.id)).toBe(""); // sent: nothing left to restore
  });

  it("shows each message once after the record is read again, and none of them in a new chat", async () => {
    const { api, view, onConversation } = setup(async () => added);
    await userEvent.type(composer(), "add buy milk{Enter}");
    await waitFor(() => expect(onConversation).toHaveBeenCalledWith(7));
    await waitFor(() => expect(api.messages).toHaveBeenCalledWith(7));
    expect(screen.getAllByTestId("message-user")).toHaveLength(1);
    expect(screen.getAllByTestId("message-assistant")).toHaveLength(1);
    view.rerender(<ChatPanel conversationId={null} onConversation={onConversation} />);
    expect(screen.queryAllByTestId("message-user")).toHaveLength(0);
    expect(screen.getByTestId("welcome")).toBeTruthy();
  });

  it("Shift+Enter makes a new line instead of sending", async () => {
    const { api } = setup(async () => added);
    await userEvent.type(composer(), "line one{Shift>}{Enter}{/Shift}line two");
    expect(composer().value).toBe("line one\nline two");
    expect(api.chatStream).not.toHaveBeenCalled();
  });

  it("shows thinking and disables the composer while a reply is in flight", async () => {
    let finish: (r: ChatReply) => void = () => {};
    setup(() => new Promise((resolve) => (finish = resolve)));
    await userEvent.type(composer(), "hi{Enter}");
    expect(screen.getByTestId("thinking")).toBeTruthy();
    expect(composer().disabled).toBe(true);
    finish({ conversation_id: 1, response: "Hello!", tool_calls: [] });
    await waitFor(() => expect(composer().disabled).toBe(false));
  });

  it("keeps the text of a failed send and retries it with the same id", async () => {
    let calls = 0;
    const { api } = setup(async () => {
      calls += 1;
      if (calls === 1) throw new ApiError(503, "The model provider is rate-limiting requests.");
      return added;
    });
    await userEvent.type(composer(), "add buy milk{Enter}");
    expect((await screen.findByTestId("send-error")).textContent).toContain("rate-limiting");
    expect(composer().value).toBe("add buy milk");
    await userEvent.click(screen.getByTestId("retry"));
    expect(await screen.findByText("Added “Buy milk”.")).toBeTruthy();
    expect(api.chatStream).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("send-error")).toBeNull();
    // the retry carries the same id as the first try, so the server never applies the message twice
    const ids = vi.mocked(api.chatStream).mock.calls.map((call) => call[2].clientMessageId);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it("keeps the message being typed, and the one being sent, for after a new login", async () => {
    saveDraft(session.user.id, "call the plumber");
    const never = new Promise<ChatReply>(() => {});
    const { view } = setup(() => never);
    expect(composer().value).toBe("call the plumber"); // restored
    await userEvent.clear(composer());
    await userEvent.type(composer(), "add renew passport{Enter}");
    expect(loadDraft(session.user.id)).toBe("add renew passport"); // in flight: a 401 now would keep it
    view.unmount();
    expect(loadDraft(session.user.id)).toBe("add renew passport");
  });

  it("offers suggested prompts in a new conversation", async () => {
    const { api } = setup(async () => added);
    await userEvent.click(screen.getAllByTestId("suggestion")[0]!);
    expect(api.chatStream).toHaveBeenCalledWith("add buy milk", null, expect.anything());
  });

  it("shows a stored failed reply with its reason, not an empty bubble", async () => {
    const api = new Api(session);
    api.messages = vi.fn(async () => [
      message(1, "user", "add milk"),
      message(2, "assistant", "", { error: "The model provider failed." }),
    ]);
    renderWithApi(<ChatPanel conversationId={7} onConversation={() => {}} />, api);
    expect(await screen.findByText("The model provider failed.")).toBeTruthy();
  });

  it("a turn that changed tasks refreshes the task panel", async () => {
    const api = new Api(session);
    let tasks = [task(1, "Call mom")];
    api.tasks = vi.fn(async () => tasks);
    api.messages = vi.fn(async () => []);
    api.chatStream = vi.fn(async () => {
      tasks = [...tasks, task(2, "Buy milk")];
      return added;
    });
    renderWithApi(
      <>
        <ChatPanel conversationId={null} onConversation={() => {}} />
        <TaskPanel />
      </>,
      api,
    );
    await screen.findByText("Call mom");
    await userEvent.type(composer(), "add buy milk{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("task-title").map((t) => t.textContent)).toEqual(["Call mom", "Buy milk"]));
  });
});
