import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';

interface Component {
  type: number;
  custom_id?: string;
  label?: string;
  options?: Array<{ value: string; default?: boolean }>;
  components?: Component[];
}
const rowsOf = (m: APIMessage | undefined) => (m?.components ?? []) as unknown as Component[];
const controls = (m: APIMessage | undefined) => rowsOf(m).flatMap((r) => r.components ?? []);
const select = (m: APIMessage | undefined, dimension: string) =>
  controls(m).find((c) => c.type === 3 && c.custom_id?.endsWith(`:${dimension}`));
const button = (m: APIMessage | undefined, label: RegExp) =>
  controls(m).find((c) => c.type === 2 && label.test(c.label ?? ''));

describe('Discord /generate through select menus', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  /** The private message a user got for an interaction (an ephemeral reply or follow-up). */
  const privateNote = (userId: string, interactionId: string) =>
    f.discord.waitForMessage(
      (m) =>
        Boolean((m.flags ?? 0) & 64) &&
        m.interaction_metadata?.id === interactionId &&
        m.interaction_metadata.user.id === userId,
    );

  const act = async (run: () => { interactionId: string }) => {
    const { interactionId } = run();
    await f.discord.waitForInteraction(interactionId, (r) => r.state === 'acknowledged');
    return interactionId;
  };

  it('asks for the missing dimensions in pages of four menus, for the requester only, then makes the image', async () => {
    const { interactionId } = await f.slash('generate', { style: 'Comic Book' });
    const menu = await f.reply(interactionId);
    // Five missing dimensions: four menus and the button row on the first page (Discord allows five rows).
    expect(rowsOf(menu)).toHaveLength(5);
    expect(['pose', 'outfit', 'footwear', 'prop'].map((d) => select(menu, d)?.options?.length)).toEqual([
      12, 10, 9, 11,
    ]);
    expect(
      controls(menu)
        .filter((c) => c.type === 2)
        .map((c) => c.label),
    ).toEqual(['More options (2/2) ▶', '🎨 Generate', 'Cancel']);
    expect(menu.embeds[0]?.description).toContain('Style: **Comic Book**');

    // Someone else cannot use them.
    const poseId = select(menu, 'pose')?.custom_id ?? '';
    const foreign = await act(() =>
      f.discord.selectMenu({ userId: f.grace, messageId: menu.id, customId: poseId, values: ['flexing'] }),
    );
    expect((await privateNote(f.grace, foreign)).content).toContain(`Only <@${f.ada}> can use these menus`);

    await act(() =>
      f.discord.selectMenu({ userId: f.ada, messageId: menu.id, customId: poseId, values: ['waving'] }),
    );
    const picked = f.discord.message(menu.id);
    expect(select(picked, 'pose')?.options?.find((o) => o.default)?.value).toBe('waving');

    await act(() =>
      f.discord.clickButton({
        userId: f.ada,
        messageId: menu.id,
        customId: button(picked, /More/)?.custom_id ?? '',
      }),
    );
    const second = f.discord.message(menu.id);
    expect(rowsOf(second)).toHaveLength(2);
    expect(select(second, 'frame')?.options).toHaveLength(9);

    // An incompatible pick is explained privately and the menus stay.
    const frameId = select(second, 'frame')?.custom_id ?? '';
    await act(() =>
      f.discord.selectMenu({
        userId: f.ada,
        messageId: menu.id,
        customId: frameId,
        values: ['your-mission'],
      }),
    );
    const go = button(f.discord.message(menu.id), /Generate/)?.custom_id ?? '';
    const refused = await act(() =>
      f.discord.clickButton({ userId: f.ada, messageId: menu.id, customId: go }),
    );
    expect((await privateNote(f.ada, refused)).content).toMatch(
      /only allows pose .*you chose "Waving Hello"/,
    );
    expect(select(f.discord.message(menu.id), 'frame')).toBeDefined();

    await act(() =>
      f.discord.selectMenu({ userId: f.ada, messageId: menu.id, customId: frameId, values: ['welcome'] }),
    );
    await act(() => f.discord.clickButton({ userId: f.ada, messageId: menu.id, customId: go }));
    // The menu message itself becomes the job's live message.
    const final = await f.finalMessage(menu.id);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    expect(controls(final).some((c) => c.type === 3)).toBe(false);
    const job = await f.jobOf(menu.id);
    expect(job?.options).toEqual({
      style: 'comic-book',
      pose: 'waving',
      outfit: 'classic-pelt',
      footwear: 'leather-wraps',
      prop: 'none',
      frame: 'welcome',
    });
    await f.rerollReaction(menu.id);
  });

  it('cancels, and answers politely once the menu state is gone (after a restart)', async () => {
    const first = await f.reply(
      (await f.slash('generate', { style: 'watercolor', pose: 'waving' })).interactionId,
    );
    await act(() =>
      f.discord.clickButton({
        userId: f.ada,
        messageId: first.id,
        customId: button(first, /Cancel/)?.custom_id ?? '',
      }),
    );
    expect(f.discord.message(first.id)?.content).toMatch(/^Cancelled/);
    expect(rowsOf(f.discord.message(first.id))).toEqual([]);

    const stale = await f.reply((await f.slash('generate', { style: 'watercolor' })).interactionId);
    await f.restart();
    const late = await act(() =>
      f.discord.clickButton({
        userId: f.ada,
        messageId: stale.id,
        customId: button(stale, /Generate/)?.custom_id ?? '',
      }),
    );
    expect((await privateNote(f.ada, late)).content).toMatch(/This menu expired\. Run \/generate again/);
  });
});
