import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Api, type AgentInfo } from "../api";
import { Workspace } from "../components/Workspace";
import { chatKitChunkProblems, type BuiltChunk } from "./bundle-check";
import { chatKitSettings, conversationIdOf, threadIdOf } from "./settings";
import { renderWithApi, session } from "../test-utils";

const offline: AgentInfo = { provider: "offline", model: null, version: "1.0.0" };
const CDN = "script[src^='https://cdn.platform.openai.com/']";

describe("chatKitSettings", () => {
  it("is on only when the server says so and hands out a domain key", () => {
    expect(chatKitSettings(null)).toBeNull();
    expect(chatKitSettings(offline)).toBeNull(); // an older server without the field
    expect(chatKitSettings({ ...offline, chatkit: { enabled: false, domain_key: null } })).toBeNull();
    expect(chatKitSettings({ ...offline, chatkit: { enabled: true, domain_key: null } })).toBeNull();
    expect(chatKitSettings({ ...offline, chatkit: { enabled: true, domain_key: "  " } })).toBeNull();
    expect(chatKitSettings({ ...offline, chatkit: { enabled: true, domain_key: " domain_pk_1 " } })).toEqual({
      domainKey: "domain_pk_1",
    });
  });

  it("names a conversation's thread as the server does, and reads it back", () => {
    expect(threadIdOf(12)).toBe("conv_12");
    expect(threadIdOf(null)).toBeNull();
    expect(conversationIdOf("conv_12")).toBe(12);
    for (const other of [null, "thr_1", "conv_", "conv_0", "conv_1x", "xconv_1"]) expect(conversationIdOf(other)).toBeNull();
  });
});

describe("the ChatKit view in the workspace", () => {
  afterEach(() => document.head.querySelectorAll(CDN).forEach((s) => s.remove()));

  function workspace(info: AgentInfo) {
    const api = new Api(session);
    api.info = vi.fn(async () => info);
    api.me = vi.fn(async () => session.user);
    api.tasks = vi.fn(async () => []);
    api.conversations = vi.fn(async () => []);
    api.syncTimeZone = vi.fn(async () => null);
    renderWithApi(<Workspace user={session.user} onSignOut={() => {}} />, api);
    return { api };
  }

  it("is not offered, and nothing of it is loaded, when the server has no domain key", async () => {
    const { api } = workspace({ ...offline, chatkit: { enabled: false, domain_key: null } });
    await waitFor(() => expect(api.info).toHaveBeenCalled());
    expect(await screen.findByTestId("provider")).toBeTruthy();
    expect(screen.queryByTestId("chatkit-toggle")).toBeNull();
    expect(document.head.querySelector(CDN)).toBeNull();
    expect(screen.getByTestId("composer")).toBeTruthy(); // our own chat
  });

  it("is offered when on, and opening it loads the component and swaps the chat", async () => {
    workspace({ ...offline, chatkit: { enabled: true, domain_key: "domain_pk_1" } });
    const toggle = await screen.findByTestId("chatkit-toggle");
    expect(document.head.querySelector(CDN)).toBeNull(); // offered, not loaded yet
    expect(toggle.textContent).toBe("ChatKit");
    await userEvent.click(toggle);
    expect(await screen.findByTestId("chatkit-view")).toBeTruthy();
    expect(toggle.textContent).toBe("Regular chat");
    await waitFor(() => expect(document.head.querySelector(CDN)).not.toBeNull());
    expect(document.querySelector("openai-chatkit")).not.toBeNull();
    expect(screen.queryByTestId("composer")).toBeNull();
    await userEvent.click(toggle); // and back to our own chat
    expect(screen.getByTestId("composer")).toBeTruthy();
  });
});

describe("Api.authorizedFetch", () => {
  it("sends the session's token with ChatKit's own requests and signs out on a 401", async () => {
    const fetchImpl = vi.fn<(request: Request) => Promise<Response>>(async () => new Response("{}", { status: 401 }));
    const onUnauthorized = vi.fn();
    const api = new Api({ ...session, token: "tok" }, onUnauthorized, fetchImpl);
    await api.authorizedFetch()("http://localhost/chatkit", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const request = fetchImpl.mock.calls[0]![0];
    expect(request.headers.get("Authorization")).toBe("Bearer tok");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(await request.text()).toBe("{}");
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});

describe("chatKitChunkProblems (the build's check)", () => {
  const chunk = (fileName: string, code: string, isEntry: boolean, isDynamicEntry = false): BuiltChunk => ({
    fileName, code, isEntry, isDynamicEntry,
  });

  it("accepts ChatKit in a lazily loaded chunk only", () => {
    expect(chatKitChunkProblems([chunk("index.js", "app", true), chunk("ChatKitView.js", "<openai-chatkit>", false, true)])).toEqual([]);
  });

  it("refuses ChatKit in the entry chunk, in a statically shared chunk, or nowhere", () => {
    expect(chatKitChunkProblems([chunk("index.js", "openai-chatkit", true)])).toEqual([
      "index.js is loaded on every visit and holds ChatKit",
      "no chunk of its own holds the ChatKit view",
    ]);
    expect(chatKitChunkProblems([chunk("index.js", "app", true), chunk("vendor.js", "cdn.platform.openai.com", false)])).toEqual([
      "vendor.js holds ChatKit but is not loaded lazily",
    ]);
  });
});
