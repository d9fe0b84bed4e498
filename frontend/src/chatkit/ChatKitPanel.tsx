import { lazy, Suspense } from "react";
import type { ChatKitViewProps } from "./settings";

// A chunk of its own, fetched the first time the view is opened: without CHATKIT_DOMAIN_KEY
// it is never requested, and the default bundle holds none of ChatKit.
const ChatKitView = lazy(() => import("./ChatKitView"));

/** The chat area, answered through OpenAI's ChatKit web component instead of our own chat panel. */
export function ChatKitPanel(props: ChatKitViewProps) {
  return (
    <section className="chat chatkit" aria-label="ChatKit" data-testid="chatkit-view">
      <Suspense fallback={<p className="muted chatkit-note">Loading ChatKit…</p>}>
        <ChatKitView {...props} />
      </Suspense>
    </section>
  );
}
