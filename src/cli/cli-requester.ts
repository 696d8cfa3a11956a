import { userInfo } from 'node:os';
import type { Requester } from '../core/types.js';

export function cliRequester(): Requester {
  let user = 'cli';
  try {
    user = userInfo().username || 'cli';
  } catch {
    // Containers may have no passwd entry for the uid.
  }
  return { platform: 'cli', workspaceId: 'local', channelId: 'terminal', userId: user };
}
