import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, ApiError } from "../api";
import { connection } from "../connection";
import { renderWithApi, session } from "../test-utils";
import { Workspace } from "./Workspace";

function setup() {
  const api = new Api(session);
  api.tasks = vi.fn(async () => []);
  api.me = vi.fn(async () => ({ ...session.user, name: "Ada" }));
  api.info = vi.fn(async () => ({ provider: "offline", model: null, version: "1" }));
  api.syncTimeZone = vi.fn(async () => null);
  api.eventStream = vi.fn(() => new Promise<never>(() => {})); // a stream that stays open and quiet
  api.conversations = vi.fn(async () => [
    { id: 5, title: "add buy milk", created_at: "2026-01-02T00:00:00Z", updated_at: "2026-01-02T00:00:00Z" },
    { id: 3, title: "hello", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" },
  ]);
  api.messages = vi.fn(async (id: number) => [
    { id: 1, role: "user" as const, content: `opened ${id}`, tool_calls: [], created_at: "2026-01-01T00:00:00Z" },
  ]);
  const onSignOut = vi.fn();
  renderWithApi(<Workspace user={session.user} onSignOut={onSignOut} />, api);
  return { api, onSignOut };
}

describe("Workspace", () => {
  it("reopens the most recent conversation and shows who answers", async () => {
    const { api } = setup();
    expect((await screen.findByTestId("message-user")).textContent).toContain("opened 5");
    expect(api.messages).toHaveBeenCalledWith(5);
    expect(screen.getByTestId("provider").textContent).toBe("offline mode");
    expect(screen.getByTestId("user-email").textContent).toBe("Ada"); // from GET /auth/me
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Todo Chatbot");
  });

  it("opens another conversation from the history, and a new one", async () => {
    setup();
    await screen.findByText("opened 5");
    await userEvent.click(screen.getByText("hello"));
    expect(await screen.findByText("opened 3")).toBeTruthy();
    await userEvent.click(screen.getByTestId("new-chat"));
    await waitFor(() => expect(screen.queryByTestId("message-user")).toBeNull());
    expect(screen.getByTestId("welcome")).toBeTruthy();
  });

  it("keeps the account's time zone in step with the browser's", async () => {
    const { api } = setup();
    await waitFor(() => expect(api.syncTimeZone).toHaveBeenCalledWith({ ...session.user, name: "Ada" }));
  });

  it("opens the shortcuts overlay with ?, closes it with Escape and gives focus back", async () => {
    setup();
    await screen.findByText("opened 5");
    const composer = screen.getByTestId("composer");
    composer.blur();
    const newChat = screen.getByTestId("new-chat");
    newChat.focus();
    await userEvent.keyboard("?");
    const dialog = screen.getByTestId("shortcuts");
    expect(dialog.hasAttribute("open")).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId("shortcuts-close"));
    expect(dialog.textContent).toContain("Add a task (quick add)");
    await userEvent.tab();
    await userEvent.tab(); // round again: focus stays in the dialog
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent(dialog, new Event("cancel", { cancelable: true })); // what Escape does to a modal dialog
    await waitFor(() => expect(dialog.hasAttribute("open")).toBe(false));
    expect(document.activeElement).toBe(newChat);
  });

  it("n goes to quick add and c to the chat, but not while typing", async () => {
    setup();
    await screen.findByText("opened 5");
    const composer = screen.getByTestId("composer") as HTMLTextAreaElement;
    await userEvent.type(composer, "nc");
    expect(composer.value).toBe("nc"); // typed, not taken as shortcuts
    expect(document.activeElement).toBe(composer);
    screen.getByTestId("new-chat").focus();
    await userEvent.keyboard("n");
    expect(document.activeElement).toBe(screen.getByTestId("quick-add-input"));
    screen.getByTestId("new-chat").focus();
    await userEvent.keyboard("c");
    expect(document.activeElement).toBe(composer);
    screen.getByTestId("new-chat").focus();
    await userEvent.keyboard("2");
    await waitFor(() => expect(screen.getByTestId("view-today").getAttribute("aria-pressed")).toBe("true"));
    await waitFor(() => expect(screen.getByTestId("announcer").textContent).toBe("Today: 0 open tasks."));
  });

  it("says the server can't be reached, asks again by itself, and the message goes when it answers", async () => {
    const { api } = setup();
    await screen.findByText("opened 5");
    let calls = 0;
    api.live = vi.fn(async () => {
      calls += 1;
      if (calls < 2) throw new ApiError(0, "Can't reach the server.");
      connection.set(true); // what a real answer does (Api.call)
    });
    act(() => connection.set(false));
    expect((await screen.findByTestId("connection-error")).textContent).toContain("Can't reach the server");
    await waitFor(() => expect(screen.queryByTestId("connection-error")).toBeNull(), { timeout: 4_000 });
    expect(api.live).toHaveBeenCalledTimes(2); // once, then once more after a second
  });
});
