import type { Outgoing } from './bot-delivery.js';
import type { Directory } from './directory.js';
import type { EphemeralStore } from './ephemeral-store.js';
import type { IdFactory, NowSource } from './ids.js';
import type { MessageStore } from './message-store.js';
import type { PayloadContext } from './payloads.js';
import type { ResponseUrls } from './response-urls.js';
import type { DeliveryResult, SlackChannelInfo, SlackUserInfo, ViewRecord } from './types.js';
import type { StateValues } from './view-state.js';
import type { ViewStore } from './view-store.js';

export interface SimulatorDeps {
  directory: Directory;
  messages: MessageStore;
  ephemerals: EphemeralStore;
  views: ViewStore;
  responseUrls: ResponseUrls;
  ids: IdFactory;
  clock: NowSource;
  verificationToken: string;
  /** What earlier block actions selected, per view id or `channel:ts`, merged into later state.values. */
  selections: Map<string, StateValues>;
  deliver(out: Outgoing): Promise<DeliveryResult>;
}

// Lookups fail loudly: a wrong id passed to the simulator is a bug in the caller, not a Slack error.

export function payloadContext(deps: SimulatorDeps): PayloadContext {
  const { directory, verificationToken, clock } = deps;
  return { directory, verificationToken, nowSec: Math.floor(clock.now() / 1000) };
}

export function findUser(deps: SimulatorDeps, id: string): SlackUserInfo {
  const user = deps.directory.user(id);
  if (!user) throw new Error(`slack emulator: unknown user ${id}`);
  return user;
}

export function findChannel(deps: SimulatorDeps, id: string): SlackChannelInfo {
  const channel = deps.directory.channel(id);
  if (!channel) throw new Error(`slack emulator: unknown channel ${id}`);
  return channel;
}

/** The given open view of the user, or the top of their stack. */
export function findOpenView(deps: SimulatorDeps, userId: string, viewId?: string): ViewRecord {
  const id = viewId ?? deps.views.stack(userId).at(-1)?.id;
  const record = id ? deps.views.get(id) : undefined;
  if (!record?.open || record.userId !== userId) {
    throw new Error(`slack emulator: user ${userId} has no open view${viewId ? ` ${viewId}` : ''}`);
  }
  return record;
}
