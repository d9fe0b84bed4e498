// The build's check that ChatKit stays out of the default bundle (vite.config.ts runs it on
// every production build): the entry chunk must not hold the ChatKit bindings, and they
// must be in a chunk that is only ever imported dynamically.

export interface BuiltChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
}

/** Strings found only in the ChatKit view's chunk: the web component's tag and its CDN. */
export const CHATKIT_MARKERS = ["openai-chatkit", "cdn.platform.openai.com"];

/** What is wrong with where ChatKit ended up (empty when it is lazily loaded, and only then). */
export function chatKitChunkProblems(chunks: BuiltChunk[]): string[] {
  const holds = (chunk: BuiltChunk) => CHATKIT_MARKERS.some((marker) => chunk.code.includes(marker));
  const problems = chunks
    .filter((chunk) => chunk.isEntry && holds(chunk))
    .map((chunk) => `${chunk.fileName} is loaded on every visit and holds ChatKit`);
  const lazy = chunks.filter((chunk) => !chunk.isEntry && holds(chunk));
  if (lazy.length === 0) problems.push("no chunk of its own holds the ChatKit view");
  for (const chunk of lazy.filter((c) => !c.isDynamicEntry)) problems.push(`${chunk.fileName} holds ChatKit but is not loaded lazily`);
  return problems;
}
