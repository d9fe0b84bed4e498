import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

async function audit(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => resolve(text));
  });

/** A notification service on 127.0.0.1 that keeps what it is sent (the e2e server allows private targets). */
async function receiver() {
  const received: { path: string; json: Record<string, unknown> }[] = [];
  const server = createServer((request, response) => {
    void body(request).then((text) => {
      received.push({ path: request.url ?? "", json: JSON.parse(text) as Record<string, unknown> });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function openSettings(page: Page) {
  await page.getByRole("button", { name: "Reminders and calendar" }).click();
  const dialog = page.getByRole("dialog", { name: "Reminders and calendar" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("settings-close")).toBeFocused();
  return dialog;
}

test.describe("the notification service", () => {
  // no target yet (GET answers 404), an address Apprise can't read (422), a service that refuses (502)
  test.use({ allowConsoleErrors: [/status of (404|422|502)/] });
  test.skip(Boolean(process.env.PLAYWRIGHT_BASE_URL), "the receiver runs beside a server this suite starts, which allows private targets");

  test("is saved and shown masked, sends a test to a local receiver, explains a bad address, and is removed", async ({ page }) => {
    const service = await receiver();
    try {
      await signUp(page);
      const dialog = await openSettings(page);
      const section = dialog.getByTestId("notify-settings");
      await expect(section.getByTestId("notify-none")).toBeVisible();

      await section.getByLabel("Apprise address").fill("this is not an address");
      await section.getByRole("button", { name: "Save" }).click();
      await expect(section.getByRole("alert")).toHaveText(/^Not a notification address Apprise knows.*\.$/);

      const url = `json://hook:s3cret-pass@127.0.0.1:${service.port}/reminders`;
      await section.getByLabel("Apprise address").fill(url);
      await section.getByRole("button", { name: "Save" }).click();
      await expect(section.getByTestId("notify-status")).toHaveText("Saved. Reminders will also be sent there.");
      const current = section.getByTestId("notify-current");
      await expect(current).toContainText(`127.0.0.1:${service.port}`);
      await expect(current).not.toContainText("s3cret-pass"); // its secret is masked
      expect(await audit(page)).toEqual([]);

      // shown again after a reload: the server kept it
      await page.reload();
      const again = (await openSettings(page)).getByTestId("notify-settings");
      await expect(again.getByTestId("notify-current")).toHaveText(await current.textContent() ?? "");

      await again.getByRole("button", { name: "Send a test" }).click();
      await expect(again.getByTestId("notify-status")).toHaveText("Test sent: it should arrive in a moment.");
      expect(service.received).toHaveLength(1);
      expect(service.received[0]!.path).toBe("/reminders");
      expect(String(service.received[0]!.json.message)).toContain("test");

      await again.getByRole("button", { name: "Remove" }).click();
      await expect(again.getByTestId("notify-status")).toHaveText("Removed. Reminders are no longer sent to your service.");
      await expect(again.getByTestId("notify-none")).toBeVisible();
      await expect(again.getByLabel("Apprise address")).toBeFocused();

      // a service that isn't there: the test says so in words
      await service.close();
      await again.getByLabel("Apprise address").fill(url);
      await again.getByRole("button", { name: "Save" }).click();
      await again.getByRole("button", { name: "Send a test" }).click();
      await expect(again.getByRole("alert")).toHaveText(/did not take the test notification/);

      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Reminders and calendar" })).toBeFocused();
    } finally {
      await service.close();
    }
  });
});

for (const size of SIZES) {
  test.describe(`the calendar feed at ${size.name} size`, () => {
    test.use({ ...size.use, permissions: ["clipboard-read", "clipboard-write"], allowConsoleErrors: [/status of 404/] });

    test("an address is made, copied, fetched as a calendar, replaced, and stopped", async ({ page }) => {
      await signUp(page);
      const dialog = await openSettings(page);
      const section = dialog.getByTestId("feed-settings");
      await section.getByRole("button", { name: "Make an address" }).click();
      const field = section.getByLabel("Your calendar's address");
      await expect(field).toHaveValue(/\/api\/calendar\/[^/]+\.ics$/);
      await expect(section.getByTestId("feed-warning")).toHaveText(/Anyone with this address can read your tasks/);
      await expect(section.getByRole("button", { name: "Copy" })).toBeFocused();
      const first = await field.inputValue();
      expect(await audit(page)).toEqual([]);

      await section.getByRole("button", { name: "Copy" }).click();
      await expect(section.getByTestId("feed-status")).toHaveText("Copied the address.");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

      const feed = await page.request.get(first);
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
      expect(await feed.text()).toContain("BEGIN:VCALENDAR");

      await section.getByRole("button", { name: "Make a new address" }).click();
      await expect(section.getByTestId("feed-status")).toHaveText("Made a new address; the old one no longer works.");
      const second = await field.inputValue();
      expect(second).not.toBe(first);
      expect((await page.request.get(first)).status()).toBe(404);
      expect((await page.request.get(second)).status()).toBe(200);

      await section.getByRole("button", { name: "Stop the feed" }).click();
      await expect(section.getByTestId("feed-status")).toHaveText("Stopped the feed: its address no longer works.");
      await expect(field).toHaveCount(0);
      await expect(section.getByRole("button", { name: "Stop the feed" })).toBeFocused(); // focus stays where it was
      await expect(section.getByRole("button", { name: "Make an address" })).toBeVisible();
      expect((await page.request.get(second)).status()).toBe(404);
    });
  });
}
