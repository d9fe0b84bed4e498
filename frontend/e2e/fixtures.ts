import { expect, test as base, type Page } from "@playwright/test";

/** Every test fails on a console error or an uncaught page error, unless it names the ones it expects. */
export const test = base.extend<{ allowConsoleErrors: RegExp[] }>({
  allowConsoleErrors: [[], { option: true }],
  page: async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && !allowConsoleErrors.some((re) => re.test(msg.text()))) errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    await use(page);
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
