import { describe, expect, it, vi } from "vitest";
import { Api, ApiError } from "./api";
import { backoff, connection } from "./connection";
import { shouldRetry } from "./hooks/queries";
import { session } from "./test-utils";

describe("the connection", () => {
  it("is lost when a request can't reach the server, and back with the next answer of any kind", async () => {
    const fetch = vi.fn().mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValueOnce(new Response("{}", { status: 404 }));
    const api = new Api(session, () => {}, fetch);
    const seen: boolean[] = [];
    const stop = connection.subscribe(() => seen.push(connection.get()));
    await expect(api.tasks()).rejects.toMatchObject({ status: 0 });
    expect(connection.get()).toBe(false);
    await expect(api.tasks()).rejects.toMatchObject({ status: 404 });
    expect(connection.get()).toBe(true);
    expect(seen).toEqual([false, true]);
    stop();
  });

  it("asks an unreachable server again and again, a failing one twice, a refusing one never", () => {
    expect(shouldRetry(50, new ApiError(0, "Can't reach the server."))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, "busy"))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, "busy"))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, "gone"))).toBe(false);
  });

  it("waits longer after each failure, up to 15 s", () => {
    expect([0, 1, 2, 3, 4, 10].map(backoff)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});
