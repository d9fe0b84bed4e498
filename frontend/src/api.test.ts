import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, SESSION_EXPIRED } from "./api";

const session = { token: "t0k", user: { id: "u 1", email: "a@example.com", name: null } };

function reply(status: number, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
}

describe("Api", () => {
  it("calls its own origin with the bearer token and the user's path", async () => {
    const fetch = vi.fn().mockResolvedValue(reply(200, []));
    await new Api(session, () => {}, fetch).tasks("pending");
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/u%201/tasks?status=pending");
    expect(init.headers.Authorization).toBe("Bearer t0k");
  });

  it("turns error details into one sentence", async () => {
    const detail = [{ loc: ["body", "title"], msg: "String should have at most 200 characters" }];
    const fetch = vi.fn().mockResolvedValue(reply(422, { detail }));
    await expect(new Api(session, () => {}, fetch).updateTask(1, { title: "x" })).rejects.toThrow(
      "title: String should have at most 200 characters",
    );
  });

  it("explains a 5xx without a JSON body", async () => {
    const fetch = vi.fn().mockResolvedValue(reply(502, "<html>Bad Gateway</html>", { "content-type": "text/html" }));
    const error = await new Api(session, () => {}, fetch).tasks().catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).message).toMatch(/server had a problem/);
  });

  it("signs the user out on 401", async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn().mockResolvedValue(reply(401, { detail: "Token has expired; log in again" }));
    await expect(new Api(session, onUnauthorized, fetch).tasks()).rejects.toThrow("expired");
    expect(onUnauthorized).toHaveBeenCalledWith(SESSION_EXPIRED);
  });

  it("says when the server can't be reached", async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(new Api(session, () => {}, fetch).tasks()).rejects.toThrow(/Can't reach the server/);
  });

  it("streams deltas and returns the final reply", async () => {
    const body = [
      'event: delta\ndata: {"text":"Added "}\n\n',
      'event: delta\ndata: {"text":"milk"}\n\nevent: done\ndata: {"conversation_id":3,"response":"Added milk","tool_calls":[]}\n\n',
    ];
    const stream = new ReadableStream({
      start(c) {
        body.forEach((b) => c.enqueue(new TextEncoder().encode(b)));
        c.close();
      },
    });
    const fetch = vi.fn().mockResolvedValue(new Response(stream, { status: 200 }));
    const deltas: string[] = [];
    const result = await new Api(session, () => {}, fetch).chatStream("add milk", 3, { onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(["Added ", "milk"]);
    expect(result).toEqual({ conversation_id: 3, response: "Added milk", tool_calls: [] });
    expect(JSON.parse(fetch.mock.calls[0]![1].body)).toEqual({ message: "add milk", conversation_id: 3 });
    await new Api(session, () => {}, fetch).chatStream("add milk", null, { onDelta: () => {}, clientMessageId: "abc" }).catch(() => {});
    expect(JSON.parse(fetch.mock.calls[1]![1].body)).toEqual({ message: "add milk", client_message_id: "abc" });
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
});
