import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, ApiError } from "../api";
import { renderWithApi, session } from "../test-utils";
import { DeleteAccount } from "./DeleteAccount";

function setup(answer: () => Promise<void>) {
  const api = new Api(session);
  api.deleteAccount = vi.fn(answer);
  const onDeleted = vi.fn();
  renderWithApi(<DeleteAccount email="e@x.com" onDeleted={onDeleted} />, api);
  return { api, onDeleted };
}

describe("DeleteAccount", () => {
  it("asks for the password, says what goes, and signs out once deleted", async () => {
    const { api, onDeleted } = setup(async () => {});
    await userEvent.click(screen.getByTestId("delete-account"));
    expect(screen.getByText(/deleted for good/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("delete-account-password"));
    expect((screen.getByTestId("delete-account-confirm") as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByTestId("delete-account-password"), "my password");
    await userEvent.click(screen.getByTestId("delete-account-confirm"));
    expect(api.deleteAccount).toHaveBeenCalledWith("my password");
    expect(onDeleted).toHaveBeenCalledOnce();
  });

  it("keeps everything on a wrong password and says so", async () => {
    const { onDeleted } = setup(async () => {
      throw new ApiError(403, "The password is wrong; the account was not deleted");
    });
    await userEvent.click(screen.getByTestId("delete-account"));
    await userEvent.type(screen.getByTestId("delete-account-password"), "guess");
    await userEvent.click(screen.getByTestId("delete-account-confirm"));
    expect((await screen.findByTestId("delete-account-error")).textContent).toContain("not deleted");
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it("Cancel and Escape close it without deleting, focus back on the button", async () => {
    const { api } = setup(async () => {});
    await userEvent.click(screen.getByTestId("delete-account"));
    await userEvent.click(screen.getByText("Cancel"));
    expect(document.activeElement).toBe(screen.getByTestId("delete-account"));
    await userEvent.click(screen.getByTestId("delete-account"));
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("delete-account-password")).toBeNull();
    expect(api.deleteAccount).not.toHaveBeenCalled();
  });
});
