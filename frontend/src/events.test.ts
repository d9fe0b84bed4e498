import { describe, expect, it, vi } from "vitest";
import { Api, ApiError } from "./api";
import { readEvent, watchEvents, type AppEvent } from "./events";
import { session } from "./test-utils";

const body = (text: string) =>
  new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe("readEvent", () => {
  it("reads tasks, messages and reminder events, and leaves out what it doesn't know", () => {
    expect(readEvent("tasks", '{"ids":[3,4],"source":"chat"}')).toEqual({ kind: "tasks", ids: [3, 4], source: "chat" });
    expect(readEvent("messages", '{"conversation_id":7}')).toEqual({ kind: "messages", conversationId: 7 });
    expect(readEvent("reminder", '{"task":{"id":2,"title":"Pay rent","due_time":"09:00"},"late":true}')).toEqual({
      kind: "reminder", task: { id: 2, title: "Pay rent", due_time: "09:00" }, late: true,
    });
    expect(readEvent("reminder", '{"task":{"id":"2"}}')).toBeNull();
    expect(readEvent("tasks", "not json")).toBeNull();
    expect(readEvent("something-new", "{}")).toBeNull();
  });
});

describe("watchEvents", () => {
  it("reads the stream, opens it again when it ends or fails, waiting longer after each failure in a row", async () => {
    const api = new Api(session);
    const controller = new AbortController();
    const streams = [
      () => Promise.resolve(body(': connected\n\nevent: tasks\ndata: {"ids":[1],"source":"rest"}\n\n')),
      () => Promise.reject(new ApiError(0, "Can't reach the server.")),
      () => Promise.reject(new ApiError(503, "busy")),
      () => Promise.resolve(body('event: messages\ndata: {"conversation_id":5}\n\n')),
    ];
    let call = 0;
    api.eventStream = vi.fn(() => {
      const next = streams[call++];
      if (!next) {
        controller.abort();
        return Promise.reject(new DOMException("aborted", "AbortError"));
      }
      return next();
    });
    const events: AppEvent[] = [];
    const opens: boolean[] = [];
    const waits: number[] = [];
    await watchEvents(api, {
      signal: controller.signal,
      onEvent: (e) => events.push(e),
      onOpen: (again) => opens.push(again),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(events).toEqual([
      { kind: "tasks", ids: [1], source: "rest" },
      { kind: "messages", conversationId: 5 },
    ]);
    expect(opens).toEqual([false, true]); // the second opening says so: the lists are read again
    expect(waits).toEqual([1000, 2000, 4000, 1000]); // longer after each failure; back to 1 s after a good stream
  });

  it("stops for good when the login is refused, or when the page closes it", async () => {
    const api = new Api(session);
    api.eventStream = vi.fn(() => Promise.reject(new ApiError(401, "Please sign in again.")));
    await watchEvents(api, { signal: new AbortController().signal, onEvent: () => {}, sleep: async () => {} });
    expect(api.eventStream).toHaveBeenCalledOnce();

    const controller = new AbortController();
    controller.abort();
    await watchEvents(api, { signal: controller.signal, onEvent: () => {} });
    expect(api.eventStream).toHaveBeenCalledOnce();
  });
});
