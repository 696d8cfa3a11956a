import type { AdapterDeps, ChatAdapter } from '../adapter.js';

/** Placeholder until the Discord front-end lands: refuses to start so a misconfiguration is loud. */
export function createDiscordAdapter(_deps: AdapterDeps): ChatAdapter {
  throw new Error('The Discord front-end is not built yet.');
}
