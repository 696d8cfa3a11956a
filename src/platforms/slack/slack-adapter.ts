import type { AdapterDeps, ChatAdapter } from '../adapter.js';

/** Placeholder until the Slack front-end lands: refuses to start so a misconfiguration is loud. */
export function createSlackAdapter(_deps: AdapterDeps): ChatAdapter {
  throw new Error('The Slack front-end is not built yet.');
}
