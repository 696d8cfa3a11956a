import type { App } from '@slack/bolt';
import { ASPECTS, type Aspect, type Catalog } from '../../core/catalog/schema.js';
import { isUserError } from '../../core/errors.js';
import type { GenerationParams } from '../../core/types.js';
import { type GenerateSubmission, modalErrors, readGenerateSubmission } from './blocks/generate-modal.js';
import { withBoundary } from './error-boundary.js';
import { GENERATE_MODAL } from './ids.js';
import { encodePlace } from './message-ref.js';
import { type SlackRuntime, slackRequester, tellUser } from './runtime.js';

const isAspect = (v: string | undefined): v is Aspect => ASPECTS.includes(v as Aspect);

/**
 * Submitting the generate modal: what is wrong is shown inside the modal (validation is synchronous, so
 * it fits in the ack); otherwise the modal closes and the job's message is posted in the channel.
 */
export function registerGenerateModal(app: App, rt: SlackRuntime): void {
  const { service, catalogs } = rt.deps;
  app.view(GENERATE_MODAL, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const log = rt.deps.log.child({ platform: 'slack', command: 'generate', userId, via: 'modal' });
    let submission: GenerateSubmission;
    let catalog: Catalog | undefined;
    let params: GenerationParams;
    try {
      submission = readGenerateSubmission(view);
      catalog = catalogs.get(submission.catalogId);
      params = {
        catalogId: catalog.id,
        options: submission.options,
        ...(submission.extra ? { extra: submission.extra } : {}),
        ...(isAspect(submission.aspect) ? { aspect: submission.aspect } : {}),
      };
      service.validate(params);
      // The job is posted in the channel the modal came from: refused in the modal if the bot cannot post
      // there (remembered from the command moments ago, or asked within the time an ack allows).
      await rt.canPost(submission.channelId, { deadlineMs: 1_500 });
    } catch (error) {
      if (!isUserError(error)) throw error;
      await ack({ response_action: 'errors', errors: modalErrors(error, catalog) });
      return;
    }
    await ack();
    const { channelId, seed } = submission;
    const workspaceId = body.team?.id ?? body.user.team_id ?? '';
    await withBoundary(
      log,
      {},
      (text) => tellUser(rt, channelId, userId, text),
      async () => {
        const requester = slackRequester(
          workspaceId,
          channelId,
          userId,
          rt.deps.config.admin.slackAdminUserIds,
        );
        // The job's message is posted in the modal's channel: its place goes with the request.
        await service.request({
          requester: { ...requester, replyRef: encodePlace({ channel: channelId }) },
          params,
          ...(seed !== undefined ? { seed } : {}),
        });
      },
    );
  });
}
