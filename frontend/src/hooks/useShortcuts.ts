/**
 * The page's single-key shortcuts (src/keys.ts): read from keydown on the document, never while a
 * person types in a box, never while a dialog is open, never for a key a control already handled.
 */
import { useEffect, useRef } from "react";
import { readKey, typing, type Command } from "../keys";

const G_WINDOW_MS = 1_500; // "g" then its second key within this time

export function useShortcuts(onCommand: (command: Command) => void): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;

  useEffect(() => {
    let gAt = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (typing(event.target) || document.querySelector("dialog[open]")) return;
      const afterG = gAt > 0 && Date.now() - gAt < G_WINDOW_MS;
      gAt = 0;
      const { command, startsG } = readKey(event, afterG);
      if (startsG) gAt = Date.now();
      if (!command) return;
      event.preventDefault(); // the key is the shortcut's: it types nowhere and scrolls nothing
      handler.current(command);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
