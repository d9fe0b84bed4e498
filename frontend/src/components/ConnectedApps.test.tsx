import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, type AccessToken, type ConnectedApp } from "../api";
import { renderWithApi, session } from "../test-utils";
import { ConnectedApps } from "./ConnectedApps";

const app: ConnectedApp = {
  client_id: "c1",
  client_name: "Desk Assistant",
  redirect_hosts: ["127.0.0.1:47999"],
  scopes: ["tasks:read", "tasks:write"],
  connected_at: "2026-11-20T10:00:00Z",
  last_used_at: null,
};
const listed: AccessToken = {
  id: "t1",
  name: "backup script",
  prefix: "tdp_AbCdEfGh",
  scopes: ["tasks:read"],
  created_at: "2026-11-20T10:00:00Z",
  expires_at: null,
  last_used_at: null,
};

function setup() {
  const api = new Api(session);
  let tokens: AccessToken[] = [];
  api.connectedApps = vi.fn(async () => [app]);
  api.accessTokens = vi.fn(async () => tokens);
  api.createAccessToken = vi.fn(async () => {
    tokens = [listed];
    return { ...listed, token: "tdp_AbCdEfGh-the-whole-secret" };
  });
  api.revokeAccessToken = vi.fn(async () => {
    tokens = [];
  });
  api.disconnectApp = vi.fn(async () => {});
  const onClose = vi.fn();
  const view = renderWithApi(<ConnectedApps open onClose={onClose} />, api);
  return { api, onClose, view };
}

describe("ConnectedApps", () => {
  it("lists the apps allowed, and makes a token that is shown only while the dialog is open", async () => {
    const { api, view } = setup();
    const apps = await screen.findByTestId("app");
    expect(within(apps).getByTestId("app-name").textContent).toBe("Desk Assistant");
    expect(within(apps).getByTestId("app-scopes").textContent).toBe("See your tasks, Change your tasks");
    expect(within(apps).getByTestId("app-used").textContent).toBe("not used yet");
    expect(await screen.findByTestId("tokens-none")).toBeTruthy();

    await userEvent.type(screen.getByLabelText("Name of a new token"), "  backup script ");
    await userEvent.click(screen.getByLabelText("See your tasks"));
    await userEvent.selectOptions(screen.getByLabelText("It stops working"), "Never");
    await userEvent.click(screen.getByRole("button", { name: "Make a token" }));
    expect(api.createAccessToken).toHaveBeenCalledWith({ name: "backup script", scopes: ["tasks:read"] });
    expect(((await screen.findByTestId("token-made")) as HTMLInputElement).value).toBe("tdp_AbCdEfGh-the-whole-secret");
    expect(document.activeElement).toBe(screen.getByTestId("token-copy"));
    const row = await screen.findByTestId("token");
    expect(row.textContent).toContain("tdp_AbCdEfGh…");
    expect(row.textContent).toContain("never expires");
    expect(row.textContent).not.toContain("the-whole-secret");

    view.rerender(<ConnectedApps open={false} onClose={() => {}} />);
    view.rerender(<ConnectedApps open onClose={() => {}} />);
    expect(await screen.findByTestId("token")).toBeTruthy();
    expect(screen.queryByTestId("token-made")).toBeNull(); // shown once: gone with the dialog
  });

  it("asks for a name before asking the server, and says the server's refusal", async () => {
    const { api } = setup();
    await screen.findByTestId("tokens-none");
    await userEvent.click(screen.getByRole("button", { name: "Make a token" }));
    expect((await screen.findByTestId("tokens-error")).textContent).toMatch(/Give the token a name/);
    expect(document.activeElement).toBe(screen.getByLabelText("Name of a new token"));
    expect(api.createAccessToken).not.toHaveBeenCalled();

    api.createAccessToken = vi.fn(async () => {
      throw new ApiError(409, "You have 50 personal access tokens; revoke one first");
    });
    await userEvent.type(screen.getByLabelText("Name of a new token"), "one more");
    await userEvent.click(screen.getByRole("button", { name: "Make a token" }));
    expect((await screen.findByTestId("tokens-error")).textContent).toBe("You have 50 personal access tokens; revoke one first");
    expect(screen.queryByTestId("token-made")).toBeNull();
  });

  it("revokes and disconnects at once, focus on the section's heading", async () => {
    const { api } = setup();
    await userEvent.click(await screen.findByRole("button", { name: "Disconnect Desk Assistant" }));
    expect(api.disconnectApp).toHaveBeenCalledWith("c1");
    expect(await screen.findByTestId("apps-none")).toBeTruthy();
    expect(screen.getByTestId("apps-status").textContent).toBe("Disconnected Desk Assistant: it can no longer reach your tasks.");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Apps you allowed" }));

    await userEvent.type(screen.getByLabelText("Name of a new token"), "backup script");
    await userEvent.click(screen.getByRole("button", { name: "Make a token" }));
    await userEvent.click(await screen.findByRole("button", { name: "Revoke backup script" }));
    expect(api.revokeAccessToken).toHaveBeenCalledWith("t1");
    expect(await screen.findByTestId("tokens-none")).toBeTruthy();
    expect(screen.queryByTestId("token-made")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Personal access tokens" }));
  });
});
