import type { webApi } from '@slack/bolt';
import type { Generation } from '../../core/types.js';
import type { SlackMessageRef } from './message-ref.js';

/** Slack message metadata naming the job a message shows: how a restarted bot finds it again. */
export const JOB_EVENT_TYPE = 'atelier_job';
export const jobMetadata = (generationId: string) => ({
  event_type: JOB_EVENT_TYPE,
  event_payload: { job_id: generationId },
});

/** Pages of channel history read at most (the message was posted right after the job was recorded). */
const MAX_PAGES = 3;
/** Slack's clock and ours may differ a little. */
const SKEW_MS = 60_000;

/**
 * The channel message a previous run of the bot posted for this job but died before recording: found by
 * its metadata among the messages since the job was created. Undefined when there is none (or history
 * cannot be read: then a new message is posted, as before).
 */
export async function findJobMessage(
  client: webApi.WebClient,
  generation: Pick<Generation, 'id' | 'channelId' | 'createdAt'>,
): Promise<SlackMessageRef | undefined> {
  const oldest = (Math.max(0, generation.createdAt - SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.conversations.history({
      channel: generation.channelId,
      oldest,
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    const hit = res.messages?.find(
      (m) =>
        m.metadata?.event_type === JOB_EVENT_TYPE &&
        (m.metadata.event_payload as { job_id?: unknown } | undefined)?.job_id === generation.id,
    );
    if (hit?.ts) return { channel: generation.channelId, ts: hit.ts };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}
