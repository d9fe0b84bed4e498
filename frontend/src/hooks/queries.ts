/**
 * Server state: every list the screen shows is a TanStack Query query, keyed by the user, and
 * every change invalidates what it touched, so the panel, the tab count and the chat agree.
 */
import { createContext, useCallback, useContext, useEffect, useRef } from "react";
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, type Api, type TaskQuery } from "../api";
import { backoff, useReachable } from "../connection";

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi is used outside <ApiContext.Provider>");
  return api;
}

export const keys = {
  tasks: (userId: string) => ["tasks", userId] as const,
  taskList: (userId: string, query: TaskQuery) => ["tasks", userId, query] as const,
  conversations: (userId: string) => ["conversations", userId] as const,
  messages: (userId: string, conversationId: number) => ["messages", userId, conversationId] as const,
  me: (userId: string) => ["me", userId] as const,
  notify: (userId: string) => ["notify", userId] as const,
  connectedApps: (userId: string) => ["connected-apps", userId] as const,
  accessTokens: (userId: string) => ["access-tokens", userId] as const,
  info: ["info"] as const,
};

/**
 * Whether a failed read is asked again: an unreachable server always (with backoff, until it answers:
 * the page then mends itself); a server error twice; a client error (401, 404, 422) never, as asking
 * again will not change it.
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status === 0) return true;
  return !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2;
}

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: shouldRetry,
        retryDelay: backoff,
      },
    },
  });
}

/** Only the filters that are set (defaults left out), so equal filters make equal cache keys. */
export function taskQuery({ status, q, tag, sort }: TaskQuery): TaskQuery {
  const query: TaskQuery = {};
  if (status && status !== "all") query.status = status;
  if (q?.trim()) query.q = q.trim();
  if (tag) query.tag = tag;
  if (sort && sort !== "created") query.sort = sort;
  return query;
}

export function useTasks(query: TaskQuery = {}) {
  const api = useApi();
  const clean = taskQuery(query);
  return useQuery({
    queryKey: keys.taskList(api.userId, clean),
    queryFn: () => api.tasks(clean),
    placeholderData: keepPreviousData, // a new search keeps the old list on screen until it answers
  });
}

export function useConversations() {
  const api = useApi();
  return useQuery({ queryKey: keys.conversations(api.userId), queryFn: () => api.conversations() });
}

/** A conversation's stored messages; read again only after a turn in it (useChatStream). */
export function useMessages(conversationId: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.messages(api.userId, conversationId ?? 0),
    queryFn: () => api.messages(conversationId!),
    enabled: conversationId !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: keys.me(api.userId), queryFn: () => api.me() });
}

export function useInfo() {
  const api = useApi();
  return useQuery({ queryKey: keys.info, queryFn: () => api.info(), staleTime: Infinity });
}

/**
 * Reads this user's task lists on screen again (and marks the others stale). A read still under way
 * is cancelled first: it may have started before the change, and TanStack Query does not restart a
 * list's first read when it is invalidated (TanStack/query#8530), so a change made just after the
 * page loaded would never show.
 */
export async function refreshTasks(client: QueryClient, userId: string): Promise<void> {
  await client.cancelQueries({ queryKey: keys.tasks(userId) });
  await client.invalidateQueries({ queryKey: keys.tasks(userId) });
}

/** Reads every task list of this user again (see refreshTasks). */
export function useInvalidateTasks(): () => Promise<void> {
  const api = useApi();
  const client = useQueryClient();
  return useCallback(() => refreshTasks(client, api.userId), [api, client]);
}

/**
 * While the server can't be reached, its liveness is asked again and again with backoff (the query's
 * own retry); the first answer marks it reachable, and every list is read again.
 */
export function useReconnect(): boolean {
  const api = useApi();
  const client = useQueryClient();
  const reachable = useReachable();
  useQuery({
    queryKey: ["reachable"],
    queryFn: async () => {
      await api.live();
      return true;
    },
    enabled: !reachable,
    retry: true,
    retryDelay: backoff,
    staleTime: 0,
    gcTime: 0,
  });
  const wasDown = useRef(false);
  useEffect(() => {
    if (!reachable) wasDown.current = true;
    else if (wasDown.current) {
      wasDown.current = false;
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "reachable" });
    }
  }, [reachable, client]);
  return reachable;
}
