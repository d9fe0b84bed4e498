import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

interface Props {
  open: boolean;
  onClose: () => void;
  /** The id of the dialog's heading (its name). */
  labelledBy: string;
  className: string;
  testId: string;
  children: ReactNode;
}

const FOCUSABLE = "button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex='0']";

/**
 * A modal dialog (the native <dialog>): focus moves into it (to its [data-autofocus] control) and
 * stays in it (Tab and Shift+Tab go round), Escape closes it, and focus goes back to where it was.
 */
export function Dialog({ open, onClose, labelledBy, className, testId, children }: Props) {
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
    const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
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
      className={`modal ${className}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault(); // Escape: closed through the state, like the button
        onClose();
      }}
      onKeyDown={trap}
      data-testid={testId}
    >
      {open && children}
    </dialog>
  );
}
