import type { ReactElement } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { Api, type Task } from "./api";
import { ApiContext } from "./hooks/queries";

export const session = { token: "t", user: { id: "u", email: "e@x.com", name: null, timezone: "UTC" } };

export const task = (id: number, title: string, completed = false, more: Partial<Task> = {}): Task => ({
  id, title, completed, description: null, priority: "none", tags: [],
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", ...more,
});

/** A local date `offset` days from today, as the API writes it. */
export const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** Renders with the query cache and the API the components read them from. */
export function renderWithApi(ui: ReactElement, api: Api = new Api(session)) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrap = (node: ReactElement) => (
    <QueryClientProvider client={client}>
      <ApiContext.Provider value={api}>{node}</ApiContext.Provider>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return { ...result, client, api, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}
