/**
 * What a job's chat message says, independent of the platform. The Discord renderer turns a JobCard into
 * an embed + buttons, the Slack renderer into Block Kit; the contract suite checks both against it.
 */
import type { Catalog } from '../../core/catalog/schema.js';
import type { JobUpdate } from '../../core/status.js';
import type { Generation } from '../../core/types.js';

export type CardState = JobUpdate['kind'];

export interface JobCard {
  generationId: string;
  state: CardState;
  title: string;
  /** One line saying where the job is: "Queued — #3 in line (about 20 s)". */
  status: string;
  params: { label: string; value: string }[];
  extra: string | undefined;
  imageUrl: string | undefined;
  /** seed · model · time, once done. */
  footer: string | undefined;
  /** 0..1 when known while generating. */
  progress: number | undefined;
  color: number;
  /** Buttons: re-roll when done; try again when a retry can help. */
  actions: { id: 'reroll' | 'retry'; label: string }[];
  requesterId: string;
  parentId: string | null;
}

const COLORS: Record<CardState, number> = {
  queued: 0x99aab5,
  submitted: 0x5865f2,
  generating: 0x5865f2,
  storing: 0x5865f2,
  done: 0x57f287,
  failed: 0xed4245,
  blocked: 0xfee75c,
};

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export function progressBar(progress: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round(progress * width)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(width - filled)} ${Math.round(progress * 100)}%`;
}

function statusLine(update: JobUpdate): string {
  switch (update.kind) {
    case 'queued':
      return `⏳ Queued — #${update.position} in line${update.etaMs ? ` (about ${seconds(update.etaMs)})` : ''}`;
    case 'submitted':
      return update.providerPosition === null || update.providerPosition === 0
        ? '📨 Sent to the image service'
        : `📨 Waiting at the image service (#${update.providerPosition + 1})`;
    case 'generating':
      return update.progress === null ? '🎨 Generating…' : `🎨 Generating… ${progressBar(update.progress)}`;
    case 'storing':
      return '💾 Saving the image…';
    case 'done':
      return update.reused ? '✅ Done (same settings and seed as an earlier image)' : '✅ Done';
    case 'failed':
      return `❌ ${update.message}${update.retryable ? ' A retry can help.' : ''}`;
    case 'blocked':
      return `🚫 ${update.message}`;
  }
}

/** Labels for the chosen options, in catalog order ("Style: Comic Book"). */
export function describeOptions(catalog: Catalog | undefined, options: Record<string, string>) {
  return Object.entries(options).map(([dimensionId, optionId]) => {
    const dimension = catalog?.dimensions.find((d) => d.id === dimensionId);
    const option = dimension?.options.find((o) => o.id === optionId);
    return { label: dimension?.label ?? dimensionId, value: option?.label ?? optionId };
  });
}

export function renderJobCard(
  catalog: Catalog | undefined,
  generation: Generation,
  update: JobUpdate,
): JobCard {
  const params = describeOptions(catalog, generation.options);
  const styleId = catalog?.styleDimension;
  const style = params.find((_, i) => Object.keys(generation.options)[i] === styleId)?.value;
  const done = update.kind === 'done';
  const took =
    generation.finishedAt && generation.createdAt
      ? ` · ${seconds(generation.finishedAt - generation.createdAt)}`
      : '';
  const actions: JobCard['actions'] = [];
  if (done) actions.push({ id: 'reroll', label: '🔁 Re-roll' });
  if (update.kind === 'failed' && update.retryable) actions.push({ id: 'retry', label: 'Try again' });
  return {
    generationId: generation.id,
    state: update.kind,
    title: `${catalog?.name ?? generation.catalogId}${style ? ` · ${style}` : ''}${generation.parentId ? ' (re-roll)' : ''}`,
    status: statusLine(update),
    params,
    extra: generation.extra || undefined,
    imageUrl: done ? (generation.imageUrl ?? undefined) : undefined,
    footer: done ? `seed ${generation.seed} · ${generation.model}${took}` : undefined,
    progress: update.kind === 'generating' ? (update.progress ?? undefined) : undefined,
    color: COLORS[update.kind],
    actions,
    requesterId: generation.userId,
    parentId: generation.parentId,
  };
}

/** The card before any event: a job just recorded as queued. */
export const initialUpdate = (generation: Generation): JobUpdate =>
  generation.status === 'done'
    ? { kind: 'done', reused: true }
    : { kind: 'queued', position: 1, etaMs: null };
