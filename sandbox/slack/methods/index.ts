import { chatMethods } from './chat-methods.js';
import type { MethodSpec } from './context.js';
import { conversationMethods } from './conversation-methods.js';
import { fileMethods } from './file-methods.js';
import { identityMethods } from './identity-methods.js';
import { reactionMethods } from './reaction-methods.js';
import { viewMethods } from './view-methods.js';

export type { MethodContext, MethodHandler, MethodSpec } from './context.js';

/** The Web API methods the emulator serves; anything else answers unknown_method. */
export function createMethodTable(): ReadonlyMap<string, MethodSpec> {
  return new Map(
    Object.entries({
      ...identityMethods,
      ...chatMethods,
      ...viewMethods,
      ...reactionMethods,
      ...conversationMethods,
      ...fileMethods,
    }),
  );
}
