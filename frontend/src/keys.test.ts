import { describe, expect, it } from "vitest";
import { readKey, readRowKey, SHORTCUTS, typing, type KeyLike } from "./keys";

const press = (key: string, more: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...more });

describe("readKey", () => {
  it.each([
    ["n", { kind: "quick-add" }],
    ["q", { kind: "quick-add" }],
    ["c", { kind: "chat" }],
    ["/", { kind: "chat" }],
    ["?", { kind: "help" }],
    ["1", { kind: "view", view: "all" }],
    ["2", { kind: "view", view: "today" }],
    ["3", { kind: "view", view: "upcoming" }],
    ["4", { kind: "view", view: "completed" }],
  ])("%s", (key, command) => {
    expect(readKey(press(key), false)).toEqual({ command, startsG: false });
  });

  it("reads g then t, c or h as going to a section", () => {
    expect(readKey(press("g"), false)).toEqual({ command: null, startsG: true });
    expect(readKey(press("t"), true).command).toEqual({ kind: "section", section: "tasks" });
    expect(readKey(press("c"), true).command).toEqual({ kind: "section", section: "chat" });
    expect(readKey(press("h"), true).command).toEqual({ kind: "section", section: "history" });
    expect(readKey(press("z"), true).command).toBeNull();
  });

  it("leaves keys with Ctrl, Cmd or Alt to the browser, except Ctrl/Cmd+Z", () => {
    expect(readKey(press("n", { ctrlKey: true }), false).command).toBeNull();
    expect(readKey(press("1", { altKey: true }), false).command).toBeNull();
    expect(readKey(press("z", { ctrlKey: true }), false).command).toEqual({ kind: "undo" });
    expect(readKey(press("Z", { metaKey: true }), false).command).toEqual({ kind: "undo" });
    expect(readKey(press("z", { ctrlKey: true, shiftKey: true }), false).command).toBeNull(); // redo is not undo
  });
});

describe("readRowKey", () => {
  it("moves and acts", () => {
    expect(["ArrowDown", "j", "ArrowUp", "k", "x", "e", "d", "Delete", "#"].map((k) => readRowKey(press(k)))).toEqual(
      ["next", "next", "previous", "previous", "toggle", "edit", "details", "delete", "delete"],
    );
    expect(readRowKey(press("Home", { ctrlKey: true }))).toBe("first");
    expect(readRowKey(press("End", { ctrlKey: true }))).toBe("last");
    expect(readRowKey(press("a"))).toBeNull();
    expect(readRowKey(press("x", { metaKey: true }))).toBeNull();
  });
});

describe("typing", () => {
  it("is true in text boxes, text areas and selects; false on buttons and checkboxes", () => {
    const make = (html: string) => {
      const host = document.createElement("div");
      host.innerHTML = html;
      return host.firstElementChild;
    };
    expect(typing(make("<input>"))).toBe(true);
    expect(typing(make('<input type="search">'))).toBe(true);
    expect(typing(make("<textarea></textarea>"))).toBe(true);
    expect(typing(make("<select></select>"))).toBe(true);
    expect(typing(make('<input type="checkbox">'))).toBe(false);
    expect(typing(make("<button></button>"))).toBe(false);
  });
});

describe("SHORTCUTS", () => {
  it("lists each single key once", () => {
    const singles = SHORTCUTS.flatMap((g) => g.items.flatMap((i) => i.keys.filter((k) => k.length === 1).map((k) => k[0])));
    expect(new Set(singles).size).toBe(singles.length);
  });
});
