import { SHORTCUTS } from "../keys";
import { Dialog } from "./Dialog";

interface Props {
  open: boolean;
  onClose: () => void;
}

/**
 * The "?" overlay: every shortcut, in a modal dialog. Focus moves into it, stays in it (Tab and
 * Shift+Tab go round), Escape or Close shut it, and focus goes back to where it was.
 */
export function ShortcutsDialog({ open, onClose }: Props) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy="shortcuts-title" className="shortcuts" testId="shortcuts">
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
    </Dialog>
  );
}
