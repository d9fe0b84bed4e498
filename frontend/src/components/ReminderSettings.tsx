import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, useApi } from "../hooks/queries";
import { Dialog } from "./Dialog";
import { message, SaidLine as Said, type Said as SaidState } from "./Said";

interface Props {
  open: boolean;
  onClose: () => void;
}

const EXAMPLES: [string, string][] = [
  ["ntfy", "ntfys://ntfy.sh/your-topic"],
  ["Gotify", "gotifys://gotify.example.com/your-app-token"],
  ["Discord", "discord://webhook-id/webhook-token"],
  ["Slack", "slack://token-a/token-b/token-c"],
  ["Telegram", "tgram://bot-token/chat-id"],
  ["E-mail", "mailtos://you:app-password@example.com"],
  ["Any web hook", "json://example.com/path"],
];

/** "Reminders and calendar": where reminders are also sent (an Apprise address), and the calendar feed. */
export function ReminderSettings({ open, onClose }: Props) {
  // The feed's address can be shown only when it is made (the server keeps only its fingerprint): kept for this visit.
  const [feed, setFeed] = useState<string | null>(null);
  return (
    <Dialog open={open} onClose={onClose} labelledBy="settings-title" className="settings" testId="reminder-settings">
      <div className="dialog-head">
        <h2 id="settings-title">Reminders and calendar</h2>
        <button type="button" className="small" onClick={onClose} data-autofocus data-testid="settings-close">
          Close
        </button>
      </div>
      <p className="muted">Reminders always show in this app's open tabs, and as notifications where your browser allows them.</p>
      <NotifyTarget />
      <CalendarFeed url={feed} setUrl={setFeed} />
    </Dialog>
  );
}

function NotifyTarget() {
  const api = useApi();
  const client = useQueryClient();
  const key = keys.notify(api.userId);
  const target = useQuery({ queryKey: key, queryFn: () => api.notifyTarget() });
  const [url, setUrl] = useState("");
  const [said, setSaid] = useState<SaidState>(null);
  const input = useRef<HTMLInputElement>(null);
  const failed = (error: unknown) => setSaid({ text: message(error), error: true });

  const save = useMutation({
    mutationFn: (address: string) => api.setNotifyTarget(address),
    onSuccess: (masked) => {
      client.setQueryData(key, masked);
      setUrl("");
      setSaid({ text: "Saved. Reminders will also be sent there.", error: false });
    },
    onError: failed,
  });
  const test = useMutation({
    mutationFn: () => api.testNotifyTarget(),
    onSuccess: () => setSaid({ text: "Test sent: it should arrive in a moment.", error: false }),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => api.removeNotifyTarget(),
    onSuccess: () => {
      client.setQueryData(key, null);
      setSaid({ text: "Removed. Reminders are no longer sent to your service.", error: false });
      input.current?.focus(); // the buttons that had focus are gone
    },
    onError: failed,
  });
  const busy = save.isPending || test.isPending || remove.isPending;
  // One action at a time; the buttons stay enabled (a disabled button would drop the focus it has).
  const start = (action: () => void) => {
    if (busy) return;
    setSaid(null);
    action();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const address = url.trim();
    if (!address) {
      setSaid({ text: "Enter an Apprise address, such as ntfys://ntfy.sh/your-topic.", error: true });
      input.current?.focus();
      return;
    }
    start(() => save.mutate(address));
  }

  return (
    <section className="settings-section" aria-labelledby="notify-title" data-testid="notify-settings">
      <h3 id="notify-title">Your notification service</h3>
      <p>
        Reminders can also go to your phone or chat: ntfy, Gotify, Discord, Slack, Telegram, e-mail, or any web address that
        takes JSON. Name it with an{" "}
        <a href="https://github.com/caronc/apprise/wiki" target="_blank" rel="noreferrer">Apprise address</a>.
      </p>
      {target.isPending ? (
        <p className="muted">Loading…</p>
      ) : target.error ? (
        <p className="error">{target.error.message}</p>
      ) : target.data ? (
        <div className="current-target">
          <p>
            Sent to <code data-testid="notify-current">{target.data}</code>
          </p>
          <div className="settings-actions">
            <button type="button" className="small" aria-busy={test.isPending} onClick={() => start(() => test.mutate())} data-testid="notify-test">
              {test.isPending ? "Sending…" : "Send a test"}
            </button>
            <button type="button" className="small danger" onClick={() => start(() => remove.mutate())} data-testid="notify-remove">
              Remove
            </button>
          </div>
        </div>
      ) : (
        <p className="muted" data-testid="notify-none">None set.</p>
      )}
      <form className="settings-form" onSubmit={submit} noValidate>
        <label htmlFor="notify-url">{target.data ? "Send to another address instead" : "Apprise address"}</label>
        <div className="settings-row">
          <input
            id="notify-url"
            ref={input}
            value={url}
            maxLength={2000}
            autoComplete="off"
            spellCheck={false}
            placeholder="ntfys://ntfy.sh/your-topic"
            aria-describedby="notify-examples"
            onChange={(e) => setUrl(e.target.value)}
            data-testid="notify-url"
          />
          <button type="submit" className="small primary" aria-busy={save.isPending} data-testid="notify-save">
            {save.isPending ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
      <div id="notify-examples" className="hint">
        <p>For example:</p>
        <ul className="examples">
          {EXAMPLES.map(([service, example]) => (
            <li key={service}>
              {service}: <code>{example}</code>
            </li>
          ))}
        </ul>
        <p>Nothing is sent until a reminder fires or you send a test. Passwords and tokens are shown masked.</p>
      </div>
      <Said said={said} id="notify" />
    </section>
  );
}

function CalendarFeed({ url, setUrl }: { url: string | null; setUrl: (url: string | null) => void }) {
  const api = useApi();
  const [said, setSaid] = useState<SaidState>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const focusCopy = useRef(false);
  useEffect(() => {
    if (!focusCopy.current || !copyButton.current) return;
    focusCopy.current = false;
    copyButton.current.focus();
  }, [url]);
  const field = useRef<HTMLInputElement>(null);

  const make = useMutation({
    mutationFn: () => api.newCalendarFeed(),
    onSuccess: (address) => {
      const replaced = Boolean(url);
      setUrl(address);
      setSaid({ text: replaced ? "Made a new address; the old one no longer works." : "Made your calendar's address.", error: false });
      focusCopy.current = !replaced; // on the new Copy button, once it is there
    },
    onError: (error) => setSaid({ text: message(error), error: true }),
  });
  const stop = useMutation({
    mutationFn: () => api.stopCalendarFeed(),
    onSuccess: () => {
      setUrl(null);
      setSaid({ text: "Stopped the feed: its address no longer works.", error: false });
    },
    onError: (error) => setSaid({ text: message(error), error: true }),
  });
  const busy = make.isPending || stop.isPending;
  const start = (action: () => void) => {
    if (busy) return;
    setSaid(null);
    action();
  };

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setSaid({ text: "Copied the address.", error: false });
    } catch {
      field.current?.select(); // no clipboard here (a page on plain http): the address is selected to copy by hand
      setSaid({ text: "Copy the selected address with Ctrl+C (⌘C on a Mac).", error: false });
    }
  }

  return (
    <section className="settings-section" aria-labelledby="feed-title" data-testid="feed-settings">
      <h3 id="feed-title">Subscribe in your calendar</h3>
      <p>
        Your open tasks with a due date, and their reminders, in Google Calendar, Apple Calendar, Outlook or Thunderbird. The
        calendar reads them again by itself.
      </p>
      {url ? (
        <>
          <label htmlFor="feed-url">Your calendar's address</label>
          <div className="settings-row">
            <input id="feed-url" ref={field} readOnly value={url} onFocus={(e) => e.target.select()} data-testid="feed-url" />
            <button type="button" className="small" ref={copyButton} onClick={() => void copy()} data-testid="feed-copy">
              Copy
            </button>
          </div>
          <p className="warning" data-testid="feed-warning">
            Anyone with this address can read your tasks that have a date. Keep it to yourself; if it got out, make a new one.
          </p>
          <ul className="hint">
            <li>
              <strong>Google Calendar</strong> (on the web): Other calendars, +, From URL; paste the address.
            </li>
            <li>
              <strong>Apple Calendar</strong>: File, New Calendar Subscription; paste the address.
            </li>
          </ul>
        </>
      ) : (
        <p className="hint">An address made before can't be shown again: make a new one (the old one stops), or stop the feed.</p>
      )}
      <div className="settings-actions">
        <button type="button" className="small primary" aria-busy={make.isPending} onClick={() => start(() => make.mutate())} data-testid="feed-make">
          {url ? "Make a new address" : "Make an address"}
        </button>
        <button type="button" className="small danger" aria-busy={stop.isPending} onClick={() => start(() => stop.mutate())} data-testid="feed-stop">
          Stop the feed
        </button>
      </div>
      <Said said={said} id="feed" />
    </section>
  );
}
