import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  type InteractionHandle,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { api, sleep } from './helpers.js';

let emu: DiscordEmulator;
let general: string;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  general = emu.channelId('general');
  await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, [
    {
      name: 'imagine',
      description: 'Make an image',
      options: [{ type: 3, name: 'style', description: 'Style', autocomplete: true }],
    },
  ]);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const callback = (h: InteractionHandle, body: unknown, query = '') =>
  api(emu, 'POST', `/interactions/${h.interactionId}/${h.token}/callback${query}`, body, { auth: false });
const webhook = (h: InteractionHandle, rest: string) => `/webhooks/${emu.applicationId}/${h.token}${rest}`;

describe('interaction callbacks', () => {
  it('defers with a loading message that editing @original completes, recording the ack latency', async () => {
    const h = emu.slashCommand({ name: 'imagine' });
    expect((await callback(h, { type: 5, data: { flags: 0 } }, '?with_response=false')).status).toBe(204);
    const record = emu.interaction(h.interactionId);
    expect(record).toMatchObject({ state: 'acknowledged', responseType: 5 });
    expect(record?.ackLatencyMs).toBeGreaterThanOrEqual(0);
    const loading = emu.message(record?.responseMessageId ?? '');
    expect(loading).toMatchObject({
      content: '',
      flags: 128,
      type: 20,
      webhook_id: emu.applicationId,
      interaction_metadata: { id: h.interactionId },
    });

    const edited = await api(
      emu,
      'PATCH',
      webhook(h, '/messages/%40original'),
      { content: 'done', embeds: [{ title: 'Result' }] },
      { auth: false },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: loading?.id,
      content: 'done',
      flags: 0,
      embeds: [{ title: 'Result' }],
    });
    expect((await callback(h, { type: 4, data: { content: 'again' } })).body).toMatchObject({ code: 40060 });
  });

  it('returns the callback response with the message when asked (with_response=true)', async () => {
    const h = emu.slashCommand({ name: 'imagine' });
    const res = await callback(h, { type: 4, data: { content: 'hello' } }, '?with_response=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      interaction: {
        id: h.interactionId,
        type: 2,
        response_message_loading: false,
        response_message_ephemeral: false,
      },
      resource: { type: 4, message: { content: 'hello', channel_id: general } },
    });
  });

  it('fails interactions not acknowledged in time: 10062 afterwards', async () => {
    emu.setKnobs({ ackTimeoutMs: 30 });
    const h = emu.slashCommand({ name: 'imagine' });
    await emu.waitForInteraction(h.interactionId, (r) => r.state === 'unacknowledged');
    const late = await callback(h, { type: 5 });
    expect(late.status).toBe(404);
    expect(late.body).toEqual({ message: 'Unknown interaction', code: 10062 });
  });

  it('expires the token: webhook routes answer 401 50027', async () => {
    emu.setKnobs({ tokenTtlMs: 60 });
    const h = emu.slashCommand({ name: 'imagine' });
    await callback(h, { type: 5 });
    const record = emu.interaction(h.interactionId);
    await sleep((record?.expiresAt ?? 0) - Date.now() + 5);
    const res = await api(
      emu,
      'PATCH',
      webhook(h, '/messages/@original'),
      { content: 'late' },
      { auth: false },
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Invalid Webhook Token', code: 50027 });
  });

  it('turns the first followup after a deferral into the deferred message; later ones are new', async () => {
    const h = emu.slashCommand({ name: 'imagine' });
    await callback(h, { type: 5 });
    const original = emu.interaction(h.interactionId)?.responseMessageId;
    const first = await api(emu, 'POST', webhook(h, '?wait=true'), { content: 'first' }, { auth: false });
    expect(first.body).toMatchObject({ id: original, content: 'first' });
    const second = await api(emu, 'POST', webhook(h, '?wait=true'), { content: 'second' }, { auth: false });
    expect(second.body.id).not.toBe(original);
    expect(
      (await api(emu, 'GET', webhook(h, `/messages/${second.body.id}`), undefined, { auth: false })).body
        .content,
    ).toBe('second');
    expect(
      (await api(emu, 'DELETE', webhook(h, `/messages/${second.body.id}`), undefined, { auth: false }))
        .status,
    ).toBe(204);
    expect(emu.messages(general).map((m) => m.content)).toEqual(['first']);
  });

  it('keeps ephemeral replies out of the channel but reachable through the webhook', async () => {
    const h = emu.slashCommand({ name: 'imagine' });
    await callback(h, { type: 4, data: { content: 'only you', flags: 64 } });
    const id = emu.interaction(h.interactionId)?.responseMessageId ?? '';
    expect(emu.messages(general)).toEqual([]);
    expect(emu.messages(general, { includeEphemeral: true }).map((m) => m.id)).toEqual([id]);
    expect((await api(emu, 'GET', `/channels/${general}/messages/${id}`)).body).toMatchObject({
      code: 10008,
    });
    expect(
      (await api(emu, 'GET', webhook(h, '/messages/@original'), undefined, { auth: false })).body.flags,
    ).toBe(64);
  });

  it('stores autocomplete choices and refuses message responses to autocomplete', async () => {
    const h = emu.autocomplete({ name: 'imagine', options: { style: 'in' }, focused: 'style' });
    expect((await callback(h, { type: 4, data: { content: 'x' } })).body).toMatchObject({ code: 50035 });
    await callback(h, { type: 8, data: { choices: [{ name: 'Ink', value: 'ink' }] } });
    expect(emu.interaction(h.interactionId)?.autocompleteChoices).toEqual([{ name: 'Ink', value: 'ink' }]);
  });

  it('updates the clicked message for type 7 and records a modal for type 9', async () => {
    const msg = await api(emu, 'POST', `/channels/${general}/messages`, {
      content: 'pick',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'go', label: 'Go' }] }],
    });
    const click = emu.clickButton({ messageId: msg.body.id, customId: 'go' });
    await callback(click, { type: 7, data: { content: 'picked', components: [] } });
    expect(emu.message(msg.body.id)).toMatchObject({ content: 'picked', components: [] });
    expect(emu.interaction(click.interactionId)?.responseMessageId).toBe(msg.body.id);

    const again = emu.slashCommand({ name: 'imagine' });
    const modal = {
      custom_id: 'm',
      title: 'Describe',
      components: [{ type: 1, components: [{ type: 4, custom_id: 'text', label: 'Text', style: 1 }] }],
    };
    await callback(again, { type: 9, data: modal });
    expect(emu.interaction(again.interactionId)?.modal).toEqual(modal);
  });

  it('refuses unknown interactions and unknown webhook tokens', async () => {
    const h = emu.slashCommand({ name: 'imagine' });
    expect((await callback({ ...h, token: 'nope' }, { type: 5 })).body).toMatchObject({ code: 10062 });
    expect(
      (
        await api(
          emu,
          'PATCH',
          webhook({ ...h, token: 'nope' }, '/messages/@original'),
          { content: 'x' },
          { auth: false },
        )
      ).body,
    ).toMatchObject({ code: 10015 });
    expect(
      (await api(emu, 'PATCH', webhook(h, '/messages/@original'), { content: 'x' }, { auth: false })).body,
    ).toMatchObject({ code: 10008 });
  });
});
