import { expect, test as base, type Page } from "@playwright/test";

/**
 * Every test fails on a console error or an uncaught page error, unless it names the ones it expects.
 * A test that fails prints the page's requests to the API (when each started and ended, and its
 * status), so a failure seen only on a loaded machine can be read from the log.
 */
export const test = base.extend<{ allowConsoleErrors: RegExp[] }>({
  allowConsoleErrors: [[], { option: true }],
  page: async ({ page, allowConsoleErrors }, use, testInfo) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && !allowConsoleErrors.some((re) => re.test(msg.text()))) errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    const started = Date.now();
    const requests: string[] = [];
    const at = () => `${((Date.now() - started) / 1000).toFixed(2)}s`;
    const api = (url: string) => new URL(url).pathname.startsWith("/api/");
    page.on("request", (r) => api(r.url()) && requests.push(`${at()} → ${r.method()} ${new URL(r.url()).pathname}`));
    page.on("requestfinished", async (r) => {
      if (!api(r.url())) return;
      const status = (await r.response().catch(() => null))?.status() ?? "?";
      requests.push(`${at()} ← ${status} ${r.method()} ${new URL(r.url()).pathname}`);
    });
    page.on("requestfailed", (r) => api(r.url()) && requests.push(`${at()} ✗ ${r.failure()?.errorText} ${r.method()} ${new URL(r.url()).pathname}`));
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) console.log(`requests to the API during "${testInfo.title}":\n  ${requests.join("\n  ")}`);
    expect(errors, "console errors during the test").toEqual([]);
  },
});

export { expect };

export const PASSWORD = "a long enough password";

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function signUp(page: Page, email = uniqueEmail()): Promise<string> {
  await page.goto("/");
  await page.getByTestId("auth-switch").click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("composer")).toBeVisible();
  return email;
}

export async function say(page: Page, text: string): Promise<void> {
  const before = await page.getByTestId("message-assistant").count();
  await page.getByTestId("composer").fill(text);
  await page.getByTestId("composer").press("Enter");
  await expect(page.getByTestId("message-assistant")).toHaveCount(before + 1);
  await expect(page.getByTestId("thinking")).toHaveCount(0);
  // the first words end "thinking", not the turn: wait until the reply is whole
  await expect(page.getByTestId("message-assistant").nth(before)).not.toHaveClass(/\bstreaming\b/);
  // a finished reply hands the focus back to the composer; wait for it, so the next step's typing
  // elsewhere (quick add, a task's title) is not moved into the composer half-way on a slow machine
  await expect(page.getByTestId("composer")).toBeFocused();
}

export function panelTask(page: Page, title: string) {
  return page.getByTestId("task-panel").getByTestId("task").filter({ hasText: title });
}
