/**
 * Whether the server answered the last request: one store for the page, set by every API call
 * (src/api.ts). The workspace shows "Can't reach the server" while it is false and asks again
 * with backoff (TanStack Query's retry) until an answer sets it back.
 */
import { useSyncExternalStore } from "react";

let reachable = true;
const listeners = new Set<() => void>();

export const connection = {
  get: (): boolean => reachable,
  set: (next: boolean): void => {
    if (next === reachable) return;
    reachable = next;
    for (const listener of listeners) listener();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useReachable(): boolean {
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** The wait before the n-th retry: 1 s, 2 s, 4 s ... at most 15 s. */
export const backoff = (attempt: number): number => Math.min(1_000 * 2 ** attempt, 15_000);
