import { beforeEach, describe, expect, it } from "vitest";
import { clearSession, loadSession, saveSession, tokenExpired } from "./session";

const token = (exp: number) => `h.${btoa(JSON.stringify({ sub: "u1", exp }))}.s`;
const user = { id: "u1", email: "a@example.com", name: null, timezone: "UTC" };

describe("session", () => {
  beforeEach(() => localStorage.clear());

  it("survives a reload", () => {
    const session = { token: token(Date.now() / 1000 + 3600), user };
    saveSession(session);
    expect(loadSession()).toEqual({ session });
  });

  it("reports an expired token once and forgets it", () => {
    saveSession({ token: token(Date.now() / 1000 - 10), user });
    expect(loadSession()).toEqual({ expired: true });
    expect(loadSession()).toBeNull();
  });

  it("treats garbage as no session", () => {
    localStorage.setItem("todo-chatbot.session", "{not json");
    expect(loadSession()).toBeNull();
    expect(tokenExpired("nope")).toBe(true);
    clearSession();
  });
});
