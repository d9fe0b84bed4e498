import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, isChatReply, SIGN_IN_AGAIN } from "./api";

const session = { token: "t0k", user: { id: "u 1", email: "a@example.com", name: null, timezone: "UTC" } };

function reply(status: number, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
}

const sent = (fetch: ReturnType<typeof vi.fn>, call = 0): Request => fetch.mock.calls[call]![0] as Request;

describe("Api", () => {
  it("calls its own origin with the bearer token, the user's path and the query", async () => {
    const fetch = vi.fn().mockResolvedValue(reply(200, []));
    await new Api(session, () => {}, fetch).tasks({ status: "pending", q: "milk", sort: "due" });
    const request = sent(fetch);
    const url = new URL(request.url);
    expect(url.origin).toBe(location.origin);
    expect(url.pathname).toBe("/api/u%201/tasks");
    expect(url.searchParams.get("status")).toBe("pending");
    expect(url.searchParams.get("q")).toBe("milk");
    expect(url.searchParams.get("sort")).toBe("due");
    expect(request.headers.get("Authorization")).toBe("Bearer t0k");
  });

  it("turns error details into sentences that name the field in words", async () => {
    const detail = [{ type: "string_too_long", loc: ["body", "title"], msg: "String should have at most 200 characters", ctx: { max_length: 200 } }];
    const fetch = vi.fn().mockResolvedValue(reply(422, { detail }));
    const error = await new Api(session, () => {}, fetch).updateTask(1, { title: "x" }).catch((e: Error) => e);
    expect((error as Error).message).toBe("The title can be at most 200 characters.");
  });

  it.each([
    // quick add's own check: the field is the whole text, the message already says what is wrong
    [{ type: "value_error", loc: ["body", "text"], msg: "a task's title can be at most 200 characters" }, "A task's title can be at most 200 characters."],
    [{ type: "value_error", loc: ["body", "due_date"], msg: "Value error, must be a date as YYYY-MM-DD" }, "The date must be a date as YYYY-MM-DD."],
    [{ type: "value_error", loc: ["body", "due_time"], msg: "a due_time needs a due_date" }, "A due_time needs a due_date."],
    [{ type: "string_too_short", loc: ["body", "title"], msg: "String should have at least 1 character", ctx: { min_length: 1 } }, "The title can't be empty."],
    [{ type: "missing", loc: ["body", "password"], msg: "Field required" }, "The password is missing."],
    [{ type: "literal_error", loc: ["query", "sort"], msg: "Input should be 'created', 'due', 'priority' or 'title'" }, "Sort should be 'created', 'due', 'priority' or 'title'."],
    [{ msg: "something odd" }, "Something odd."],
  ])("says %j as %j", async (item, words) => {
    const fetch = vi.fn().mockResolvedValue(reply(422, { detail: [item] }));
    const error = await new Api(session, () => {}, fetch).tasks().catch((e: Error) => e);
    expect((error as Error).message).toBe(words);
    expect((error as Error).message).not.toMatch(/^\w+: /);
  });

  it("explains a 5xx without a JSON body", async () => {
    const fetch = vi.fn().mockResolvedValue(reply(502, "<html>Bad Gateway</html>", { "content-type": "text/html" }));
    const error = await new Api(session, () => {}, fetch).tasks().catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).message).toMatch(/server had a problem/);
  });

  it("says 'Please sign in again' on 401", async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn().mockResolvedValue(reply(401, { detail: "Token has expired; log in again" }));
    await expect(new Api(session, onUnauthorized, fetch).tasks()).rejects.toThrow("expired");
    expect(onUnauthorized).toHaveBeenCalledWith(SIGN_IN_AGAIN);
    expect(SIGN_IN_AGAIN).toBe("Please sign in again.");
  });

  it("says when the server can't be reached", async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(new Api(session, () => {}, fetch).tasks()).rejects.toThrow(/Can't reach the server/);
  });

  it("sends the bulk delete of completed tasks and the undo", async () => {
    const fetch = vi.fn().mockResolvedValueOnce(reply(200, [])).mockResolvedValueOnce(reply(200, { undone: "deleting 2 tasks", tasks: [] }));
    const api = new Api(session, () => {}, fetch);
    await api.clearCompleted();
    expect(sent(fetch).method).toBe("DELETE");
    expect(sent(fetch).url).toMatch(/\/api\/u%201\/tasks\?status=completed$/);
    expect(await api.undo()).toEqual({ undone: "deleting 2 tasks", tasks: [] });
    expect(sent(fetch, 1).method).toBe("POST");
  });

  it("checks the agent info it is given", async () => {
    const fetch = vi.fn().mockResolvedValueOnce(reply(200, { provider: "offline", model: null, version: "1" })).mockResolvedValueOnce(reply(200, {}));
    const api = new Api(session, () => {}, fetch);
    expect(await api.info()).toEqual({ provider: "offline", model: null, version: "1" });
    await expect(api.info()).rejects.toThrow(/who answers/);
  });

  it("streams deltas and returns the final reply", async () => {
    const body = [
      'event: delta\ndata: {"text":"Added "}\n\n',
      'event: delta\ndata: {"text":"milk"}\n\nevent: done\ndata: {"conversation_id":3,"response":"Added milk","tool_calls":[]}\n\n',
    ];
    const stream = () =>
      new ReadableStream({
        start(c) {
          body.forEach((b) => c.enqueue(new TextEncoder().encode(b)));
          c.close();
        },
      });
    const fetch = vi.fn().mockImplementation(async () => new Response(stream(), { status: 200 }));
    const deltas: string[] = [];
    const result = await new Api(session, () => {}, fetch).chatStream("add milk", 3, { onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(["Added ", "milk"]);
    expect(result).toEqual({ conversation_id: 3, response: "Added milk", tool_calls: [] });
    expect(await sent(fetch).json()).toEqual({ message: "add milk", conversation_id: 3 });
    await new Api(session, () => {}, fetch).chatStream("add milk", null, { onDelta: () => {}, clientMessageId: "abc" });
    expect(await sent(fetch, 1).json()).toEqual({ message: "add milk", client_message_id: "abc" });
  });

  it("raises a stream error event with its status", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('event: error\ndata: {"detail":"The model provider did not answer in time.","status":504}\n\n'));
        c.close();
      },
    });
    const fetch = vi.fn().mockResolvedValue(new Response(stream, { status: 200 }));
    const error = await new Api(session, () => {}, fetch).chatStream("hi", null, { onDelta: () => {} }).catch((e: ApiError) => e);
    expect((error as ApiError).status).toBe(504);
    expect((error as ApiError).message).toContain("in time");
  });

  it("refuses a final event that is not a reply", () => {
    expect(isChatReply({ conversation_id: 1, response: "ok", tool_calls: [{ name: "add_task", arguments: {}, result: {} }] })).toBe(true);
    expect(isChatReply({ conversation_id: "1", response: "ok", tool_calls: [] })).toBe(false);
    expect(isChatReply({ conversation_id: 1, response: "ok", tool_calls: [{ name: 3 }] })).toBe(false);
  });
});
