import type { EmulatorEmitter } from './emitter.js';
import type { IdFactory, NowSource } from './ids.js';
import type { Json, SlackBotIdentity, SlackTeam, SlackView, ViewRecord } from './types.js';

interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

export type TriggerCheck =
  | { userId: string }
  | { error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export interface ViewStoreDeps {
  ids: IdFactory;
  clock: NowSource;
  emitter: EmulatorEmitter;
  team: SlackTeam;
  bot: SlackBotIdentity;
  triggerTtlMs(): number;
}

/** Slack allows a root modal plus two pushed views. */
export const MAX_VIEW_STACK = 3;

/** Trigger ids and the modal stack of each user. */
export class ViewStore {
  #triggers = new Map<string, Trigger>();
  #views = new Map<string, ViewRecord>();
  #stacks = new Map<string, string[]>();

  constructor(private readonly deps: ViewStoreDeps) {}

  reset(): void {
    this.#triggers.clear();
    this.#views.clear();
    this.#stacks.clear();
  }

  issueTrigger(userId: string): string {
    const id = this.deps.ids.triggerId();
    this.#triggers.set(id, { userId, issuedAt: this.deps.clock.now(), used: false });
    return id;
  }

  /** A trigger opens one view, within the ack window of the interaction that issued it. */
  consumeTrigger(triggerId: string): TriggerCheck {
    const trigger = this.#triggers.get(triggerId);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.deps.clock.now() - trigger.issuedAt > this.deps.triggerTtlMs())
      return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { userId: trigger.userId };
  }

  get(viewId: string): ViewRecord | undefined {
    return this.#views.get(viewId);
  }

  byExternalId(externalId: string): ViewRecord | undefined {
    return [...this.#views.values()].find((r) => r.open && r.view.external_id === externalId);
  }

  /** Open views of a user, root first. */
  stack(userId: string): SlackView[] {
    return (this.#stacks.get(userId) ?? []).flatMap((id) => this.#views.get(id)?.view ?? []);
  }

  records(userId?: string): ViewRecord[] {
    return [...this.#views.values()].filter((r) => userId === undefined || r.userId === userId);
  }

  /** Opening a new modal replaces whatever stack the user had. */
  open(userId: string, input: Json): SlackView {
    this.clear(userId);
    const view = this.build(input, null, null);
    this.#views.set(view.id, { view, userId, open: true });
    this.#stacks.set(userId, [view.id]);
    this.deps.emitter.emit('view', { kind: 'opened', userId, view });
    return view;
  }

  push(userId: string, input: Json): { view: SlackView } | { error: 'push_limit_reached' | 'not_found' } {
    const stack = this.#stacks.get(userId) ?? [];
    const top = stack.at(-1);
    if (!top) return { error: 'not_found' };
    if (stack.length >= MAX_VIEW_STACK) return { error: 'push_limit_reached' };
    const view = this.build(input, stack[0] ?? top, top);
    this.#views.set(view.id, { view, userId, open: true });
    stack.push(view.id);
    this.deps.emitter.emit('view', { kind: 'pushed', userId, view });
    return { view };
  }

  /** Replaces a view's content, keeping its id and place in the stack; `hash` guards against races. */
  update(record: ViewRecord, input: Json, hash?: string): { view: SlackView } | { error: 'hash_conflict' } {
    if (hash !== undefined && hash !== record.view.hash) return { error: 'hash_conflict' };
    const { id, root_view_id, previous_view_id } = record.view;
    record.view = { ...this.build(input, root_view_id, previous_view_id), id };
    this.deps.emitter.emit('view', { kind: 'updated', userId: record.userId, view: record.view });
    return { view: record.view };
  }

  /** A view_submission ack with response_action "errors": the modal stays open and shows them. */
  reportErrors(record: ViewRecord, errors: Record<string, string>): void {
    this.deps.emitter.emit('view', { kind: 'errors', userId: record.userId, view: record.view, errors });
  }

  /** Closes the top view (the submitted one) and reveals the one below. */
  closeTop(userId: string): void {
    const stack = this.#stacks.get(userId) ?? [];
    const id = stack.pop();
    const record = id ? this.#views.get(id) : undefined;
    if (!record) return;
    record.open = false;
    this.deps.emitter.emit('view', { kind: 'closed', userId, view: record.view });
  }

  clear(userId: string): void {
    while ((this.#stacks.get(userId)?.length ?? 0) > 0) this.closeTop(userId);
  }

  private build(input: Json, rootId: string | null, previousId: string | null): SlackView {
    const { ids, team, bot, clock } = this.deps;
    const id = ids.next('V');
    const str = (key: string, fallback = '') =>
      typeof input[key] === 'string' ? (input[key] as string) : fallback;
    return {
      ...input,
      id,
      team_id: team.id,
      type: str('type', 'modal'),
      blocks: Array.isArray(input.blocks) ? input.blocks : [],
      private_metadata: str('private_metadata'),
      callback_id: str('callback_id'),
      external_id: str('external_id'),
      state: { values: {} },
      hash: `${Math.floor(clock.now() / 1000)}.${ids.secret().slice(0, 8)}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      close: input.close ?? null,
      submit: input.submit ?? null,
      previous_view_id: previousId,
      root_view_id: rootId ?? id,
      app_id: bot.appId,
      app_installed_team_id: team.id,
      bot_id: bot.botId,
    };
  }
}
