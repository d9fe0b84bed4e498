// What the web app knows about the optional ChatKit view without loading any of it: whether
// the server turned it on, and how its threads map onto our conversations. Nothing here
// imports ChatKit, so the default bundle stays free of it (see bundle-check.ts).
import type { AgentInfo } from "../api";

export interface ChatKitSettings {
  /** The public domain key the ChatKit web component sends to OpenAI to verify this site. */
  domainKey: string;
}

/** What the lazily loaded view needs from the workspace. */
export interface ChatKitViewProps extends ChatKitSettings {
  /** fetch with the user's bearer token: ChatKit's requests go to our /chatkit. */
  fetch: typeof fetch;
  /** The conversation to open (null: a new one). */
  conversationId: number | null;
  /** The conversation ChatKit switched to or started. */
  onConversation: (id: number) => void;
  /** A reply ended: its tool calls may have changed the tasks. */
  onReplied: () => void;
}

/** The ChatKit view's settings when /api/info says the server has it on (CHATKIT_DOMAIN_KEY), else null. */
export function chatKitSettings(info: AgentInfo | null): ChatKitSettings | null {
  const chatkit = info?.chatkit;
  if (!chatkit || chatkit.enabled !== true || typeof chatkit.domain_key !== "string") return null;
  const domainKey = chatkit.domain_key.trim();
  return domainKey ? { domainKey } : null;
}

const THREAD = /^conv_([1-9][0-9]*)$/;

/** A conversation's ChatKit thread id (the server's interfaces/chatkit/ names them so). */
export function threadIdOf(conversationId: number | null): string | null {
  return conversationId === null ? null : `conv_${conversationId}`;
}

export function conversationIdOf(threadId: string | null): number | null {
  const match = THREAD.exec(threadId ?? "");
  return match ? Number(match[1]) : null;
}
