import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  EmulatorUsageError,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { api, pngHeader } from './helpers.js';

let emu: DiscordEmulator;

const commands = [
  {
    name: 'imagine',
    description: 'Make an image',
    options: [
      { type: 3, name: 'prompt', description: 'What', required: true, max_length: 20 },
      {
        type: 3,
        name: 'style',
        description: 'Style',
        choices: [
          { name: 'Ink', value: 'ink' },
          { name: 'Oil', value: 'oil' },
        ],
      },
      { type: 4, name: 'count', description: 'How many', min_value: 1, max_value: 4 },
      { type: 5, name: 'private', description: 'Only me' },
      { type: 6, name: 'for', description: 'For whom' },
      { type: 11, name: 'reference', description: 'Image' },
      { type: 3, name: 'pose', description: 'Pose', autocomplete: true },
    ],
  },
  {
    name: 'gallery',
    description: 'Browse',
    options: [
      {
        type: 1,
        name: 'mine',
        description: 'Mine',
        options: [{ type: 4, name: 'page', description: 'Page' }],
      },
    ],
  },
];

beforeAll(async () => {
  emu = await startDiscordEmulator();
  await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, commands);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary interaction payloads
const payload = (id: string) => emu.interaction(id)?.payload as any;

describe('slashCommand', () => {
  it('builds the interaction discord.js expects, with options typed by the definition', () => {
    const [ada, grace] = emu.users;
    const h = emu.slashCommand({
      userId: ada?.id,
      channelId: emu.channelId('art'),
      name: 'imagine',
      options: { prompt: 'a fox', style: 'ink', count: '3', private: true, for: grace?.id ?? '' },
    });
    const p = payload(h.interactionId);
    expect(p).toMatchObject({
      type: 2,
      token: h.token,
      version: 1,
      application_id: emu.applicationId,
      guild_id: emu.guild().id,
      channel_id: emu.channelId('art'),
      channel: { id: emu.channelId('art'), type: 0 },
      member: { user: { id: ada?.id } },
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: emu.guild().id },
      context: 0,
    });
    expect(BigInt(p.member.permissions) & 8n).toBe(8n);
    expect(p.app_permissions).toMatch(/^\d+$/);
    expect(p.data).toMatchObject({ name: 'imagine', type: 1, id: emu.commands()[0]?.id });
    expect(p.data.options).toEqual([
      { name: 'prompt', type: 3, value: 'a fox' },
      { name: 'style', type: 3, value: 'ink' },
      { name: 'count', type: 4, value: 3 },
      { name: 'private', type: 5, value: true },
      { name: 'for', type: 6, value: grace?.id },
    ]);
    expect(p.data.resolved.users[grace?.id ?? '']).toMatchObject({ username: 'grace' });
    expect(p.data.resolved.members[grace?.id ?? '']).toHaveProperty('permissions');
    expect(emu.interaction(h.interactionId)).toMatchObject({
      name: 'imagine',
      state: 'pending',
      deliveredTo: 0,
    });
  });

  it('refuses what the Discord client would not send', () => {
    const bad =
      (options: Record<string, unknown>, name = 'imagine') =>
      () =>
        emu.slashCommand({ name, options: options as never });
    expect(bad({ prompt: 'x' }, 'nope')).toThrow(EmulatorUsageError);
    expect(bad({})).toThrow(/"prompt" is required/);
    expect(bad({ prompt: 'x', style: 'watercolour' })).toThrow(/must be one of "ink", "oil"/);
    expect(bad({ prompt: 'x', count: 9 })).toThrow(/out of range/);
    expect(bad({ prompt: 'x', count: 1.5 })).toThrow(/integer/);
    expect(bad({ prompt: 'x'.repeat(21) })).toThrow(/length/);
    expect(bad({ prompt: 'x', colour: 'red' })).toThrow(/no option "colour"/);
    expect(bad({}, 'gallery')).toThrow(/needs one of: mine/);
  });

  it('nests subcommand options and stores attachment options as served files', async () => {
    const sub = emu.slashCommand({ name: 'gallery mine', options: { page: 2 } });
    expect(payload(sub.interactionId).data.options).toEqual([
      { name: 'mine', type: 1, options: [{ name: 'page', type: 4, value: 2 }] },
    ]);
    const png = pngHeader(8, 4);
    const withFile = emu.slashCommand({
      name: 'imagine',
      options: {
        prompt: 'x',
        reference: { filename: 'ref.png', contentType: 'image/png', data: png.toString('base64') },
      },
    });
    const data = payload(withFile.interactionId).data;
    const id = data.options[1].value;
    expect(data.resolved.attachments[id]).toMatchObject({
      filename: 'ref.png',
      width: 8,
      height: 4,
      size: png.length,
    });
    const served = await fetch(data.resolved.attachments[id].url);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
  });

  it('sends autocomplete (type 4) with the focused value as typed text', () => {
    const h = emu.autocomplete({ name: 'imagine', options: { pose: 'sit', count: 2 }, focused: 'pose' });
    expect(payload(h.interactionId)).toMatchObject({
      type: 4,
      data: {
        options: [
          { name: 'count', type: 4, value: 2 },
          { name: 'pose', type: 3, value: 'sit', focused: true },
        ],
      },
    });
    expect(() => emu.autocomplete({ name: 'imagine', options: { style: 'i' }, focused: 'style' })).toThrow(
      /no autocomplete/,
    );
  });
});

describe('components and modals', () => {
  const post = (components: unknown[]) =>
    api(emu, 'POST', `/channels/${emu.channelId('general')}/messages`, { content: 'menu', components }).then(
      (r) => r.body.id as string,
    );

  it('clicks buttons and picks select options on a message, sending the message along', async () => {
    const id = await post([
      {
        type: 1,
        components: [
          { type: 2, style: 1, custom_id: 'again', label: 'Again' },
          { type: 2, style: 2, custom_id: 'off', label: 'Off', disabled: true },
        ],
      },
      {
        type: 1,
        components: [
          {
            type: 3,
            custom_id: 'style',
            max_values: 2,
            options: [
              { label: 'Ink', value: 'ink' },
              { label: 'Oil', value: 'oil' },
            ],
          },
        ],
      },
      { type: 1, components: [{ type: 5, custom_id: 'who' }] },
    ]);
    const click = payload(emu.clickButton({ messageId: id, customId: 'again' }).interactionId);
    expect(click).toMatchObject({
      type: 3,
      data: { custom_id: 'again', component_type: 2 },
      message: { id, content: 'menu' },
    });
    const pick = payload(
      emu.selectMenu({ messageId: id, customId: 'style', values: ['oil', 'ink'] }).interactionId,
    );
    expect(pick.data).toEqual({ custom_id: 'style', component_type: 3, values: ['oil', 'ink'] });
    const grace = emu.users[1]?.id ?? '';
    const who = payload(emu.selectMenu({ messageId: id, customId: 'who', values: [grace] }).interactionId);
    expect(who.data.resolved.users[grace]).toMatchObject({ username: 'grace' });
    expect(() => emu.clickButton({ messageId: id, customId: 'off' })).toThrow(/disabled/);
    expect(() => emu.clickButton({ messageId: id, customId: 'missing' })).toThrow(/no component/);
    expect(() => emu.selectMenu({ messageId: id, customId: 'style', values: ['acrylic'] })).toThrow(
      /no option "acrylic"/,
    );
  });

  it('submits the modal the bot showed, mirroring its rows and labels', async () => {
    const opener = emu.slashCommand({ name: 'imagine', options: { prompt: 'x' } });
    await api(
      emu,
      'POST',
      `/interactions/${opener.interactionId}/${opener.token}/callback`,
      {
        type: 9,
        data: {
          custom_id: 'describe',
          title: 'Describe',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'title', label: 'Title', style: 1 }] },
            {
              type: 18,
              id: 7,
              label: 'Notes',
              component: { type: 4, custom_id: 'notes', style: 2, required: false },
            },
          ],
        },
      },
      { auth: false },
    );
    expect(() => emu.submitModal({ customId: 'describe', values: {} })).toThrow(/"title" is required/);
    const h = emu.submitModal({ customId: 'describe', values: { title: 'Fox' } });
    expect(payload(h.interactionId)).toMatchObject({
      type: 5,
      channel_id: emu.channelId('general'),
      data: {
        custom_id: 'describe',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'title', value: 'Fox' }] },
          { type: 18, id: 7, component: { type: 4, custom_id: 'notes', value: '' } },
        ],
      },
    });
    expect(() => emu.submitModal({ userId: emu.users[1]?.id, customId: 'describe' })).toThrow(/no modal/);
  });
});

describe('people', () => {
  it('posts messages and reacts as seeded users, and only members may act', async () => {
    const [ada, grace] = emu.users;
    const msg = emu.postMessage({ userId: grace?.id, content: `look <@${ada?.id}>` });
    expect(msg).toMatchObject({ author: { id: grace?.id }, mentions: [{ id: ada?.id }] });
    emu.react({ userId: ada?.id, messageId: msg.id, emoji: '🔁' });
    expect(emu.message(msg.id)?.reactions?.[0]).toMatchObject({ count: 1, me: false });
    expect(() => emu.postMessage({ userId: '1234567890123456789', content: 'x' })).toThrow(
      EmulatorUsageError,
    );
  });
});
