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

describe("draft", () => {
  it("is kept per user and forgotten when emptied", async () => {
    const { loadDraft, saveDraft } = await import("./session");
    saveDraft("u1", "call the plumber");
    expect(loadDraft("u1")).toBe("call the plumber");
    expect(loadDraft("u2")).toBe("");
    saveDraft("u1", "");
    expect(localStorage.length).toBe(0);
  });

  it("a stored session missing its user is no session", () => {
    localStorage.setItem("todo-chatbot.session", JSON.stringify({ token: "h.e30.s", user: { email: "x" } }));
    expect(loadSession()).toBeNull();
  });
});
