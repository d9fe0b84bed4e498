import { useEffect, useRef, type KeyboardEvent } from "react";
import { SHORTCUTS } from "../keys";

interface Props {
  open: boolean;
  onClose: () => void;
}

/**
 * The "?" overlay: every shortcut, in a modal dialog. Focus moves into it, stays in it (Tab and
 * Shift+Tab go round), Escape or Close shut it, and focus goes back to where it was.
 */
export function ShortcutsDialog({ open, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
      element.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && element.open) {
      element.close();
    }
    if (!open && opener.current instanceof HTMLElement && opener.current.isConnected) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);

  function trap(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("button, [href], [tabindex='0']"));
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onCancel={(event) => {
        event.preventDefault(); // Escape: closed through the state, like the button
        onClose();
      }}
      onKeyDown={trap}
      data-testid="shortcuts"
    >
      <div className="shortcuts-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="small" onClick={onClose} data-autofocus data-testid="shortcuts-close">
          Close
        </button>
      </div>
      <p className="muted">Single keys work whenever you are not typing in a box. Escape closes this.</p>
      <div className="shortcut-groups" tabIndex={0} aria-label="The shortcuts">
        {SHORTCUTS.map((group) => (
          <section key={group.title} aria-labelledby={`keys-${group.title}`}>
            <h3 id={`keys-${group.title}`}>{group.title}</h3>
            <dl>
              {group.items.map((item) => (
                <div key={item.what} className="shortcut">
                  <dt>
                    {item.keys.map((combo, i) => (
                      <span key={combo.join("+")}>
                        {i > 0 && <span className="muted"> or </span>}
                        {combo.map((key, j) => (
                          <span key={key}>
                            {j > 0 && <span className="muted">{combo[0] === "g" ? " then " : "+"}</span>}
                            <kbd>{key}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{item.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
