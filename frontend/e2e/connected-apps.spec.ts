import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, PASSWORD, signUp, test, uniqueEmail } from "./fixtures";
import { SIZES } from "./sizes";

// An MCP client's redirect URI on this machine: the browser is sent there after "Allow", and the
// test answers it in the client's place (page.route), reading the code from the address.
const CALLBACK = "http://127.0.0.1:47999/callback";

async function audit(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** One tools/call at /mcp with a bearer token, as an MCP client sends it: the answer's status and body. */
async function mcpCall(request: APIRequestContext, token: string, tool: string, args: Record<string, unknown> = {}) {
  const answer = await request.post("/mcp", {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json, text/event-stream" },
    data: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args } },
  });
  return { status: answer.status(), headers: answer.headers(), text: await answer.text() };
}

/** An MCP client's OAuth: it registers, the person signs in and allows it in this browser, it takes the tokens. */
async function connectAnApp(page: Page, email: string) {
  const registered = await page.request.post("/oauth/register", { data: { client_name: "Desk Assistant", redirect_uris: [CALLBACK] } });
  expect(registered.status()).toBe(201);
  const { client_id } = (await registered.json()) as { client_id: string };
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const query = new URLSearchParams({
    response_type: "code",
    client_id,
    redirect_uri: CALLBACK,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "e2e-state",
  });
  await page.route(`${new URL(CALLBACK).origin}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><html lang=en><title>Back in the app</title><p>Connected.</p></html>" }),
  );
  await page.goto(`/oauth/authorize?${query}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow Desk Assistant to use your todo list?" })).toBeVisible();
  await expect(page.getByText("See your tasks (list and search them)")).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((url) => url.href.startsWith(CALLBACK));
  const back = new URL(page.url()).searchParams;
  expect(back.get("state")).toBe("e2e-state");
  const exchanged = await page.request.post("/oauth/token", {
    form: { grant_type: "authorization_code", code: back.get("code") ?? "", redirect_uri: CALLBACK, client_id, code_verifier: verifier },
  });
  expect(exchanged.status()).toBe(200);
  const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string };
  return { client_id, ...tokens };
}

async function openConnectedApps(page: Page, phone: boolean) {
  if (phone) await page.getByTestId("tab-history").click();
  await page.getByRole("button", { name: "Connected apps" }).click();
  const dialog = page.getByRole("dialog", { name: "Connected apps" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("apps-close")).toBeFocused();
  return dialog;
}

for (const size of SIZES) {
  test.describe(`connected apps at ${size.name} size`, () => {
    test.use({ ...size.use, permissions: ["clipboard-read", "clipboard-write"] });

    test("an app allowed over OAuth and a personal token are listed, and each stops at /mcp the moment it is revoked", async ({ page }) => {
      const email = uniqueEmail("apps");
      await signUp(page, email);
      const app = await connectAnApp(page, email);
      expect((await mcpCall(page.request, app.access_token, "add_task", { title: "Added by the assistant" })).status).toBe(200);

      await page.goto("/");
      await expect(page.getByTestId("composer")).toBeVisible();
      const dialog = await openConnectedApps(page, size.name === "phone");
      await expect(dialog.getByTestId("mcp-address")).toHaveText(new URL("/mcp", page.url()).href);
      const listed = dialog.getByTestId("app");
      await expect(listed).toHaveCount(1);
      await expect(listed.getByTestId("app-name")).toHaveText("Desk Assistant");
      await expect(listed).toContainText("at 127.0.0.1:47999");
      await expect(listed.getByTestId("app-scopes")).toHaveText("See your tasks, Change your tasks");
      await expect(listed.getByTestId("app-used")).toHaveText(/^last used /);
      await expect(dialog.getByTestId("tokens-none")).toBeVisible();

      // a token: named, read-only, expiring; shown once with a copy button
      const tokens = dialog.getByTestId("tokens-section");
      await tokens.getByRole("button", { name: "Make a token" }).click();
      await expect(tokens.getByRole("alert")).toHaveText(/Give the token a name/);
      await expect(tokens.getByLabel("Name of a new token")).toBeFocused();
      await tokens.getByLabel("Name of a new token").fill("backup script");
      await tokens.getByLabel("See your tasks", { exact: true }).check();
      await tokens.getByLabel("It stops working").selectOption({ label: "In 30 days" });
      await tokens.getByRole("button", { name: "Make a token" }).click();
      const made = tokens.getByTestId("token-made");
      await expect(made).toHaveValue(/^tdp_/);
      await expect(tokens.getByRole("button", { name: "Copy" })).toBeFocused();
      await expect(tokens.getByTestId("token-warning")).toHaveText(/shown only this once/);
      const secret = await made.inputValue();
      const row = tokens.getByTestId("token");
      await expect(row).toHaveCount(1);
      await expect(row.getByTestId("token-name")).toHaveText("backup script");
      await expect(row).toContainText(secret.slice(0, 12));
      await expect(row).not.toContainText(secret); // the list never holds the token itself
      await expect(row.getByTestId("token-scopes")).toHaveText("See your tasks");
      await expect(row).toContainText("expires ");
      expect(await audit(page)).toEqual([]);

      await tokens.getByRole("button", { name: "Copy" }).click();
      await expect(tokens.getByTestId("tokens-status")).toHaveText("Copied the token.");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

      // it works at /mcp for what it allows: reading yes, changing no (the scope challenge)
      const read = await mcpCall(page.request, secret, "list_tasks");
      expect(read.status).toBe(200);
      expect(read.text).toContain("Added by the assistant");
      const write = await mcpCall(page.request, secret, "add_task", { title: "Not allowed" });
      expect(write.status).toBe(403);
      expect(write.headers["www-authenticate"]).toContain('error="insufficient_scope"');

      // revoked: gone from the list, and /mcp refuses it at once
      await row.getByRole("button", { name: "Revoke backup script" }).click();
      await expect(tokens.getByTestId("tokens-status")).toHaveText("Revoked “backup script”: it no longer works.");
      await expect(tokens.getByTestId("tokens-none")).toBeVisible();
      await expect(tokens.getByTestId("token-made")).toHaveCount(0);
      await expect(tokens.getByRole("heading", { name: "Personal access tokens" })).toBeFocused();
      const refused = await mcpCall(page.request, secret, "list_tasks");
      expect(refused.status).toBe(401);
      expect(refused.headers["www-authenticate"]).toContain("resource_metadata=");

      // the app disconnected: its access token and its refresh token stop at once
      await listed.getByRole("button", { name: "Disconnect Desk Assistant" }).click();
      await expect(dialog.getByTestId("apps-status")).toHaveText("Disconnected Desk Assistant: it can no longer reach your tasks.");
      await expect(dialog.getByTestId("apps-none")).toBeVisible();
      expect((await mcpCall(page.request, app.access_token, "list_tasks")).status).toBe(401);
      const refresh = await page.request.post("/oauth/token", {
        form: { grant_type: "refresh_token", refresh_token: app.refresh_token, client_id: app.client_id },
      });
      expect(refresh.status()).toBe(400);
      expect(await audit(page)).toEqual([]);

      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Connected apps" })).toBeFocused();
    });
  });
}
