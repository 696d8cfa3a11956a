import { Directory } from './directory.js';
import type { EmulatorEmitter } from './emitter.js';
import { EphemeralStore } from './ephemeral-store.js';
import { FileStore } from './file-store.js';
import { IdFactory, type NowSource } from './ids.js';
import { checkImages, type ImageCheckDeps } from './image-check.js';
import type { SlackKnobs } from './knobs.js';
import { MessageStore } from './message-store.js';
import type { MethodContext } from './methods/index.js';
import { RateLimiter } from './rate-limits.js';
import { ResponseUrls } from './response-urls.js';
import type { StateValues } from './view-state.js';
import { ViewStore } from './view-store.js';
import type { WorkspaceSeed } from './workspace.js';

export interface EmulatorStateOptions {
  clock: NowSource;
  workspace: WorkspaceSeed;
  emitter: EmulatorEmitter;
  knobs(): SlackKnobs;
  baseUrl(): string;
  issueSocketUrl(): string;
  /** Aborts image downloads in flight when the emulator closes. */
  closing: AbortSignal;
}

/** All mutable workspace state of one emulator, wired together; `reset()` empties it. */
export function createEmulatorState(o: EmulatorStateOptions) {
  const { clock, emitter } = o;
  const ids = new IdFactory(clock);
  const directory = new Directory(o.workspace, clock.now());
  const files = new FileStore({
    ids,
    clock,
    team: directory.team,
    baseUrl: o.baseUrl,
    channelName: (id) => directory.channel(id)?.name ?? id,
    processingMs: () => o.knobs().fileProcessingMs,
  });
  const messages = new MessageStore({
    team: directory.team,
    bot: directory.bot,
    emitter,
    renderFile: (id) => {
      const file = files.get(id);
      return file ? files.toWire(file) : undefined;
    },
  });
  const images: ImageCheckDeps = { files, knobs: o.knobs, closing: o.closing };
  const ephemerals = new EphemeralStore(emitter);
  const views = new ViewStore({
    ids,
    clock,
    emitter,
    team: directory.team,
    bot: directory.bot,
    triggerTtlMs: () => o.knobs().triggerTtlMs,
  });
  const responseUrls = new ResponseUrls({
    ids,
    clock,
    directory,
    messages,
    ephemerals,
    emitter,
    knobs: o.knobs,
    baseUrl: o.baseUrl,
    checkImages: (blocks, pointer) => checkImages(blocks, pointer, images),
  });
  const limiter = new RateLimiter(clock);
  const selections = new Map<string, StateValues>();
  const methodContext: MethodContext = {
    directory,
    messages,
    ephemerals,
    views,
    files,
    ids,
    clock,
    baseUrl: o.baseUrl,
    issueSocketUrl: o.issueSocketUrl,
  };
  return {
    ids,
    directory,
    files,
    images,
    messages,
    ephemerals,
    views,
    responseUrls,
    limiter,
    selections,
    methodContext,
    reset(): void {
      for (const part of [directory, files, messages, ephemerals, views, responseUrls, limiter]) part.reset();
      selections.clear();
    },
  };
}

export type EmulatorState = ReturnType<typeof createEmulatorState>;
