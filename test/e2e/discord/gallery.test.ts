import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';

interface Control {
  type: number;
  custom_id?: string;
  label?: string;
  url?: string;
  disabled?: boolean;
  options?: Array<{ value: string; label: string; default?: boolean }>;
}
const controls = (m: APIMessage | undefined) =>
  ((m?.components ?? []) as unknown as Array<{ components: Control[] }>).flatMap((r) => r.components);
const labelled = (m: APIMessage | undefined, label: RegExp) =>
  controls(m).find((c) => label.test(c.label ?? ''));

const BASE = { pose: 'waving', outfit: 'explorer', footwear: 'sneakers', prop: 'torch', frame: 'hero' };

describe('Discord /gallery and /styles', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  const privateReply = async (command: string, options: Record<string, string> = {}) => {
    const { interactionId } = await f.slash(command, options);
    const message = await f.reply(interactionId);
    expect(message.flags ?? 0).toBe(64);
    return message;
  };

  it('shows a friendly empty state with the link to the full gallery', async () => {
    const empty = await privateReply('gallery');
    expect(empty.embeds[0]?.description).toMatch(/Nothing here yet\. Make your first image with \/generate/);
    expect(labelled(empty, /Open full gallery/)?.url).toMatch(/^http:\/\/127\.0\.0\.1:3999\//);
  });

  it('pages newest first with thumbnails and page n/m buttons, and filters by any dimension', async () => {
    const styles = [
      'comic-book',
      'watercolor',
      'comic-book',
      'watercolor',
      'comic-book',
      'watercolor',
      'comic-book',
    ];
    const ids: string[] = [];
    for (const [i, style] of styles.entries()) {
      const message = await f.reply(
        (await f.slash('generate', { ...BASE, style, seed: i + 1 })).interactionId,
      );
      await f.finalMessage(message.id);
      ids.push((await f.jobOf(message.id))?.id ?? '');
    }
    const first = await privateReply('gallery');
    expect(first.content).toContain('page 1/2 · 7 in all');
    expect(first.embeds).toHaveLength(5);
    expect(first.embeds[0]?.footer?.text).toBe('seed 7 · fal-ai/flux/schnell');
    // Thumbnails are uploaded (our storage is not reachable from the internet here).
    expect(first.attachments).toHaveLength(5);
    expect(first.embeds.map((e) => e.thumbnail?.url)).toEqual(first.attachments.map((a) => a.url));
    expect(labelled(first, /Prev/)?.disabled).toBe(true);
    expect(labelled(first, /Page 1\/2/)?.disabled).toBe(true);

    const next = labelled(first, /Next/)?.custom_id ?? '';
    const click = f.discord.clickButton({ userId: f.ada, messageId: first.id, customId: next });
    await f.discord.waitForInteraction(click.interactionId, (r) => r.state === 'acknowledged');
    const second = await f.discord.waitFor(() => {
      const m = f.discord.message(first.id);
      return m?.content.includes('page 2/2') ? m : undefined;
    });
    expect(second.embeds.map((e) => e.footer?.text)).toEqual([
      'seed 2 · fal-ai/flux/schnell',
      'seed 1 · fal-ai/flux/schnell',
    ]);
    expect(labelled(second, /Next/)?.disabled).toBe(true);
    expect(second.attachments).toHaveLength(2);

    const filtered = await privateReply('gallery', { style: 'comic-book' });
    expect(filtered.content).toContain('page 1/1 · 4 in all · filters: Style: Comic Book');
    expect(filtered.embeds.every((e) => e.title?.includes('Comic Book'))).toBe(true);

    const none = await privateReply('gallery', { style: 'anime-cel' });
    expect(none.embeds[0]?.description).toContain('No images match Style: Anime Cel');
    const typo = await privateReply('gallery', { style: 'comic bok' });
    expect(typo.content).toMatch(/Unknown style "comic bok"\. Did you mean "comic-book"\?/);
    expect(typo.embeds).toEqual([]);
    const someoneElse = await privateReply('gallery', { user: f.grace });
    expect(someoneElse.embeds[0]?.description).toContain(`<@${f.grace}> has no images here yet`);
  });

  it('/styles browses one example per style with a select menu', async () => {
    const example = await f.bot.core.service.request({
      requester: { platform: 'cli', workspaceId: 'cli', channelId: 'cli', userId: 'batch' },
      params: { catalogId: 'capitao-caverna', options: { style: 'watercolor' } },
      isExample: true,
    });
    await f.bot.core.service.waitFor(example.id);
    const browser = await privateReply('styles');
    expect(browser.embeds[0]?.title).toBe('3D Animated Feature');
    expect(browser.embeds[0]?.description).toContain('No example image yet');
    const menu = controls(browser).find((c) => c.type === 3);
    expect(menu?.options).toHaveLength(11);
    expect(menu?.options?.find((o) => o.value === 'watercolor')?.label).toMatch(/^🖼/);

    const pick = f.discord.selectMenu({
      userId: f.ada,
      messageId: browser.id,
      customId: menu?.custom_id ?? '',
      values: ['watercolor'],
    });
    await f.discord.waitForInteraction(pick.interactionId, (r) => r.state === 'acknowledged');
    const shown = await f.discord.waitFor(() => {
      const m = f.discord.message(browser.id);
      return m?.embeds[0]?.image ? m : undefined;
    });
    expect(shown.embeds[0]?.title).toMatch(/Watercolor/);
    expect(shown.embeds[0]?.image?.url).toBe(shown.attachments[0]?.url);
  });
});
