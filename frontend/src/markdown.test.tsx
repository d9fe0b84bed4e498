import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { blocks, Markdown } from "./markdown";

describe("Markdown", () => {
  it("renders lists, emphasis and code", () => {
    const { container } = render(<Markdown text={"Still to do (2):\n- #1 **Buy** milk\n- #2 `call` *mom*"} />);
    expect(container.querySelectorAll("li")).toHaveLength(2);
    expect(container.querySelector("strong")?.textContent).toBe("Buy");
    expect(container.querySelector("code")?.textContent).toBe("call");
    expect(container.querySelector("em")?.textContent).toBe("mom");
  });

  it("never turns text into HTML", () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:alert(3))';
    const { container } = render(<Markdown text={evil} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("a")).toBeNull();
    expect(container.textContent).toContain("<img src=x");
  });

  it("links only safe URLs, opened safely", () => {
    const { container } = render(<Markdown text="see [docs](https://example.com/a)" />);
    const link = container.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("https://example.com/a");
    expect(link.getAttribute("rel")).toContain("noopener");
  });

  it("groups numbered items and code fences into blocks", () => {
    expect(blocks("1. a\n2. b\n\n```\nx < y\n```").map((b) => b.kind)).toEqual(["ol", "code"]);
  });
});
