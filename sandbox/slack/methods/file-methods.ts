import { int, list, requireStr, SlackApiError, str } from '../api-args.js';
import type { StoredFile } from '../file-store.js';
import { isTs } from '../ids.js';
import { readMessageContent } from '../message-content.js';
import type { Json } from '../types.js';
import { channelOrThrow, type MethodContext, type MethodSpec, nextBlockId } from './context.js';

/** Longest alt text files.getUploadURLExternal takes (its documented alt_txt_too_large error). */
const MAX_ALT_TXT = 1000;

function getUploadUrl(args: Json, ctx: MethodContext): Json {
  const filename = requireStr(args, 'filename');
  const length = int(args, 'length');
  if (length === undefined || length < 1)
    throw new SlackApiError('invalid_arguments', { detail: 'length must be > 0' });
  // The argument is `alt_txt` (https://docs.slack.dev/reference/methods/files.getUploadURLExternal); Slack
  // ignores arguments it does not know, such as the `alt_text` that @slack/web-api 7-8's filesUploadV2 sends.
  const altText = str(args, 'alt_txt') || undefined;
  if (altText && altText.length > MAX_ALT_TXT) throw new SlackApiError('alt_txt_too_large');
  const { uploadUrl, fileId } = ctx.files.reserve(filename, length, altText);
  return { upload_url: uploadUrl, file_id: fileId };
}

function readFileRefs(args: Json): Array<{ id: string; title?: string }> {
  const files = list(args, 'files');
  if (!files || files === 'invalid' || files.length === 0)
    throw new SlackApiError('invalid_arguments', { detail: 'files' });
  return files.map((f) => {
    const ref = f as { id?: unknown; title?: unknown };
    if (typeof ref.id !== 'string') throw new SlackApiError('invalid_arguments', { detail: 'files[].id' });
    return typeof ref.title === 'string' ? { id: ref.id, title: ref.title } : { id: ref.id };
  });
}

/** Completes the uploads and, with a channel, shares them in one message (initial_comment as its text). */
function completeUpload(args: Json, ctx: MethodContext): Json {
  const refs = readFileRefs(args);
  const channelId = str(args, 'channel_id') || str(args, 'channels')?.split(',')[0];
  const channel = channelId ? channelOrThrow(ctx, channelId) : undefined;
  const { bot } = ctx.directory;
  if (channel && !channel.members.includes(bot.userId)) throw new SlackApiError('not_in_channel');
  const threadTs = str(args, 'thread_ts') || undefined;
  if (threadTs && !channel)
    throw new SlackApiError('invalid_arguments', { detail: 'thread_ts needs channel_id' });
  if (threadTs && channel && !(isTs(threadTs) && ctx.messages.get(channel.id, threadTs))) {
    throw new SlackApiError('thread_not_found');
  }
  const content = readMessageContent(
    { text: str(args, 'initial_comment') ?? '', blocks: args.blocks },
    nextBlockId(ctx),
    false,
  );
  // The share message goes out once every file is processed: later than this answer (see FileStore.complete).
  let waiting = refs.length;
  const share = () => {
    waiting -= 1;
    if (!channel || waiting > 0) return;
    const ts = ctx.ids.ts();
    const shared = refs.map((r) => ctx.files.get(r.id)).filter((f) => f !== undefined);
    for (const file of shared)
      file.shares.push({ channel: channel.id, ts, ...(threadTs ? { threadTs } : {}) });
    ctx.messages.add({
      channel: channel.id,
      ts,
      user: bot.userId,
      fromBot: true,
      reactions: [],
      text: content.text,
      fileIds: shared.map((f) => f.id),
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { threadTs } : {}),
    });
  };
  const files: StoredFile[] = [];
  for (const ref of refs) {
    const done = ctx.files.complete(ref.id, ref.title, bot.userId, share);
    if ('error' in done) throw new SlackApiError(done.error);
    files.push(done);
  }
  return { files: files.map((f) => ctx.files.toWire(f)) };
}

/** Only the file's uploader may delete it here (a workspace admin's user token could too, in Slack). */
function deleteFile(args: Json, ctx: MethodContext): Json {
  const id = requireStr(args, 'file', 'file_not_found');
  const file = ctx.files.get(id);
  if (!file) throw new SlackApiError('file_not_found');
  if (file.user !== ctx.directory.bot.userId) throw new SlackApiError('cant_delete_file');
  ctx.files.remove(id);
  return {};
}

export const fileMethods: Record<string, MethodSpec> = {
  'files.getUploadURLExternal': { handler: getUploadUrl, token: 'bot' },
  'files.completeUploadExternal': { handler: completeUpload, token: 'bot' },
  'files.delete': { handler: deleteFile, token: 'bot' },
};
