// Loaded only when the ChatKit view is opened (ChatKitPanel's lazy import).
import { ChatKit, useChatKit } from "@openai/chatkit-react";
import { useEffect, useRef, useState } from "react";
import { conversationIdOf, threadIdOf, type ChatKitViewProps } from "./settings";
import "./chatkit.css";

/** The ChatKit web component itself: served only by OpenAI's CDN, so this view needs the internet. */
export const CHATKIT_SCRIPT = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js";

let loading: Promise<void> | null = null;

function loadChatKitScript(): Promise<void> {
  if (customElements.get("openai-chatkit")) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = CHATKIT_SCRIPT;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      loading = null; // a later visit tries again
      reject(new Error("ChatKit could not be loaded"));
    };
    document.head.append(script);
  });
  return loading;
}

export default function ChatKitView({ domainKey, fetch, conversationId, onConversation, onReplied }: ChatKitViewProps) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadChatKitScript().catch(() => setFailed(true));
  }, []);
  const shown = useRef(threadIdOf(conversationId)); // the thread ChatKit shows
  const { control, setThreadId } = useChatKit({
    api: { url: "/chatkit", domainKey, fetch },
    initialThread: shown.current,
    onThreadChange: ({ threadId }) => {
      shown.current = threadId;
      const id = conversationIdOf(threadId);
      if (id !== null) onConversation(id);
    },
    onResponseEnd: onReplied,
  });
  useEffect(() => {
    // another conversation picked in the history list: ChatKit opens it too
    const wanted = threadIdOf(conversationId);
    if (wanted !== shown.current) {
      shown.current = wanted;
      setThreadId(wanted).catch(() => {});
    }
  }, [conversationId, setThreadId]);
  if (failed) {
    return (
      <p role="alert" className="chatkit-note">
        The ChatKit component could not be loaded from OpenAI’s CDN (it needs the internet). The regular chat works
        without it.
      </p>
    );
  }
  return <ChatKit control={control} className="chatkit-frame" />;
}
