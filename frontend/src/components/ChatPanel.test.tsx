import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, type ChatReply } from "../api";
import { ChatPanel } from "./ChatPanel";

function setup(chatStream: Api["chatStream"]) {
  const api = new Api({ token: "t", user: { id: "u", email: "e@x.com", name: null, timezone: "UTC" } });
  api.chatStream = vi.fn(chatStream);
  const onConversation = vi.fn();
  const onToolsUsed = vi.fn();
  render(<ChatPanel api={api} conversationId={null} onConversation={onConversation} onToolsUsed={onToolsUsed} />);
  return { api, onConversation, onToolsUsed };
}

const added: ChatReply = {
  conversation_id: 7,
  response: "Added “Buy milk”.",
  tool_calls: [{ name: "add_task", arguments: { title: "Buy milk" }, result: {} }],
};

describe("ChatPanel", () => {
  it("sends on Enter, streams the reply and reports the tools used", async () => {
    const { onConversation, onToolsUsed } = setup(async (_m, _c, h) => {
      h.onDelta("Added ");
      return added;
    });
    await userEvent.type(screen.getByTestId("composer"), "add buy milk{Enter}");
    expect(await screen.findByText("Added “Buy milk”.")).toBeTruthy();
    expect(screen.getByTestId("message-user").textContent).toContain("add buy milk");
    expect(onConversation).toHaveBeenCalledWith(7);
    expect(onToolsUsed).toHaveBeenCalledOnce();
    expect((screen.getByTestId("composer") as HTMLTextAreaElement).value).toBe("");
  });

  it("Shift+Enter makes a new line instead of sending", async () => {
    const { api } = setup(async () => added);
    await userEvent.type(screen.getByTestId("composer"), "line one{Shift>}{Enter}{/Shift}line two");
    expect((screen.getByTestId("composer") as HTMLTextAreaElement).value).toBe("line one\nline two");
    expect(api.chatStream).not.toHaveBeenCalled();
  });

  it("shows thinking and disables the composer while a reply is in flight", async () => {
    let finish: (r: ChatReply) => void = () => {};
    setup(() => new Promise((resolve) => (finish = resolve)));
    await userEvent.type(screen.getByTestId("composer"), "hi{Enter}");
    expect(screen.getByTestId("thinking")).toBeTruthy();
    expect((screen.getByTestId("composer") as HTMLTextAreaElement).disabled).toBe(true);
    finish({ conversation_id: 1, response: "Hello!", tool_calls: [] });
    await waitFor(() => expect((screen.getByTestId("composer") as HTMLTextAreaElement).disabled).toBe(false));
  });

  it("keeps the text of a failed send and retries it", async () => {
    let calls = 0;
    const { api } = setup(async () => {
      calls += 1;
      if (calls === 1) throw new ApiError(503, "The model provider is rate-limiting requests.");
      return added;
    });
    await userEvent.type(screen.getByTestId("composer"), "add buy milk{Enter}");
    expect((await screen.findByTestId("send-error")).textContent).toContain("rate-limiting");
    expect((screen.getByTestId("composer") as HTMLTextAreaElement).value).toBe("add buy milk");
    await userEvent.click(screen.getByTestId("retry"));
    expect(await screen.findByText("Added “Buy milk”.")).toBeTruthy();
    expect(api.chatStream).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("send-error")).toBeNull();
    // the retry carries the same id as the first try, so the server never applies the message twice
    const ids = vi.mocked(api.chatStream).mock.calls.map((call) => call[2].clientMessageId);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it("offers suggested prompts in a new conversation", async () => {
    const { api } = setup(async () => added);
    await userEvent.click(screen.getAllByTestId("suggestion")[0]!);
    expect(api.chatStream).toHaveBeenCalledWith("add buy milk", null, expect.anything());
  });

  it("shows a stored failed reply with its reason, not an empty bubble", async () => {
    const api = new Api({ token: "t", user: { id: "u", email: "e@x.com", name: null, timezone: "UTC" } });
    api.messages = vi.fn(async () => [
      { id: 1, role: "user" as const, content: "add milk", tool_calls: [], created_at: "2026-01-01T00:00:00Z" },
      { id: 2, role: "assistant" as const, content: "", tool_calls: [], error: "The model provider failed.", created_at: "2026-01-01T00:00:01Z" },
    ]);
    const { rerender } = render(<ChatPanel api={api} conversationId={null} onConversation={() => {}} onToolsUsed={() => {}} />);
    rerender(<ChatPanel api={api} conversationId={7} onConversation={() => {}} onToolsUsed={() => {}} />); // opened from the history
    expect(await screen.findByText("The model provider failed.")).toBeTruthy();
  });
});
