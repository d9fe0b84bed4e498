import { describe, expect, it } from "vitest";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { keys, refreshTasks } from "./queries";

/** A read of the list that answers when told to, with what the server held when it was asked. */
function server() {
  let held = ["Walk the dog"];
  const reads: Array<() => void> = [];
  let asked = 0;
  const read = () => {
    asked += 1;
    const answer = [...held];
    return new Promise<string[]>((resolve) => reads.push(() => resolve(answer)));
  };
  return { read, reads, change: (titles: string[]) => (held = titles), asked: () => asked };
}

describe("refreshTasks", () => {
  it("reads the list again when a change lands while the page's first read is still under way", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const api = server();
    const observer = new QueryObserver<string[]>(client, { queryKey: [...keys.tasks("u"), "pending"], queryFn: api.read });
    const seen: string[][] = [];
    const stop = observer.subscribe((result) => result.data && seen.push(result.data));
    await Promise.resolve();
    expect(api.asked()).toBe(1); // the first read is under way, and asked before the change
    api.change(["Walk the dog", "Buy milk"]); // a chat turn adds a task meanwhile
    const refreshed = refreshTasks(client, "u");
    api.reads[0]?.(); // the first read answers, without the new task
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.asked()).toBe(2);
    api.reads[1]?.();
    await refreshed;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(observer.getCurrentResult().data).toEqual(["Walk the dog", "Buy milk"]);
    stop();
  });
});
