/**
 * A small Markdown renderer for assistant replies that builds React elements
 * only: text is never inserted as HTML, so a reply can't inject markup or
 * scripts. Supports paragraphs, line breaks, bullet and numbered lists, fenced
 * code, `code`, **bold**, *italic* and [links](https://...).
 */
import type { ReactNode } from "react";

const SAFE_URL = /^(https?:|mailto:)/i;
const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))/g;

export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) nodes.push(text.slice(last, at));
    const key = `${keyPrefix}${n++}`;
    if (token.startsWith("`")) nodes.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (token.startsWith("**")) nodes.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    else if (token.startsWith("*")) nodes.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    else {
      const label = token.slice(1, token.indexOf("]("));
      const url = token.slice(token.indexOf("](") + 2, -1);
      nodes.push(
        SAFE_URL.test(url) ? (
          <a key={key} href={url} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          `${label} (${url})`
        ),
      );
    }
    last = at + token.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

type Block =
  | { kind: "p"; lines: string[] }
  | { kind: "ul" | "ol"; items: string[] }
  | { kind: "code"; text: string };

export function blocks(source: string): Block[] {
  const out: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim().startsWith("```")) {
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").trim().startsWith("```"); i++) code.push(lines[i] ?? "");
      out.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    const prev = out[out.length - 1];
    if (item) {
      const kind = bullet ? "ul" : "ol";
      if (prev && prev.kind === kind) prev.items.push(item[1] ?? "");
      else out.push({ kind, items: [item[1] ?? ""] });
    } else if (!line.trim()) {
      out.push({ kind: "p", lines: [] });
    } else if (prev && prev.kind === "p" && prev.lines.length) {
      prev.lines.push(line);
    } else {
      out.push({ kind: "p", lines: [line] });
    }
  }
  return out.filter((b) => b.kind !== "p" || b.lines.length > 0);
}

export function Markdown({ text }: { text: string }) {
  return (
    <>
      {blocks(text).map((block, b) => {
        if (block.kind === "code") return <pre key={b}><code>{block.text}</code></pre>;
        if (block.kind === "p") {
          return (
            <p key={b}>
              {block.lines.flatMap((line, l) => (l ? [<br key={`br${l}`} />, ...renderInline(line, `${b}-${l}-`)] : renderInline(line, `${b}-${l}-`)))}
            </p>
          );
        }
        const items = block.items.map((item, k) => <li key={k}>{renderInline(item, `${b}-${k}-`)}</li>);
        return block.kind === "ul" ? <ul key={b}>{items}</ul> : <ol key={b}>{items}</ol>;
      })}
    </>
  );
}
