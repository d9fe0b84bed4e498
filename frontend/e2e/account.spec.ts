import { expect, PASSWORD, say, signUp, test } from "./fixtures";

// The wrong password (403) and the failed login afterwards (401) are logged by the browser.
test.use({ allowConsoleErrors: [/status of 40[13]/] });

test("deleting the account asks for the password, removes everything and signs out", async ({ page }) => {
  const email = await signUp(page);
  await say(page, "add renew my passport");
  await page.getByTestId("delete-account").click();
  await expect(page.getByTestId("delete-account-password")).toBeFocused();
  await page.getByTestId("delete-account-password").fill("not my password");
  await page.getByTestId("delete-account-confirm").click();
  await expect(page.getByTestId("delete-account-error")).toContainText("not deleted");
  await expect(page.getByTestId("composer")).toBeVisible(); // still signed in, nothing gone

  await page.getByTestId("delete-account-password").fill(PASSWORD);
  await page.getByTestId("delete-account-confirm").click();
  await expect(page.getByLabel("Email")).toBeVisible(); // back at the sign-in screen

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("auth-error")).toContainText("Wrong email or password");
});
