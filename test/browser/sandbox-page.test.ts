/**
 * The sandbox page in headless Chromium, driving the real bot through the emulators: /generate in the
 * Discord channel (select menus) and the Slack channel (modal), live status, final image, 🔁 re-roll.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  canRunBrowserTests,
  imageLoaded,
  launchBrowser,
  startTestSandbox,
  watchTexts,
} from '../helpers/browser.js';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** Generous: other suites share the machine's two cores. */
const WAIT = { timeout: 15_000 };

const IN_FLIGHT = /Queued|Sent to the image service|Waiting at the image service|Generating|Saving/;
const DONE = /✅ Done/;
/** User text that would be markup (and markdown) if the page did not escape it. */
const TRICKY = 'a **cape** <img src=x onerror=alert(1)> & co';

describe.skipIf(!canRunBrowserTests())('sandbox page in Chromium (real bot behind the emulators)', () => {
  let sb: TestSandbox;
  let browser: BrowserSession & { errors: string[] };
  let page: Page;

  beforeAll(async () => {
    [sb, browser] = await Promise.all([
      startTestSandbox({ fal: { latencyMs: 1200, latencySpreadMs: 0 } }),
      launchBrowser(),
    ]);
    page = browser.page;
    await page.goto(sb.url);
    await page.waitForSelector('body[data-ready="true"]');
  });
  afterAll(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('Discord: /generate through the select menus shows the live status, the image, and a linked 🔁 re-roll', async () => {
    const discord = page.locator('#discord');
    const input = discord.locator('.composer-input');
    await input.fill('/gen');
    await expect
      .poll(() => discord.locator('.command-popup [data-command="generate"]').isVisible(), WAIT)
      .toBe(true);
    await input.press('Enter');
    // The real option definitions, as registered by deployCommands.
    await expect(discord.locator('.command-form .opt-name').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['style', 'pose', 'prompt', 'seed', 'aspect']),
    );
    await discord.locator('.opt:has(.opt-name:text-is("prompt")) input').fill(TRICKY);
    await discord.locator('.send').click();

    const menu = discord.locator('.dwrap', { has: page.locator('select.dselect') }).last();
    await menu.locator('select.dselect').first().selectOption('comic-book');
    await expect
      .poll(
        () => sb.discord!.interactions({ type: 3 }).filter((i) => i.state === 'acknowledged').length,
        WAIT,
      )
      .toBe(1);
    const statuses = await watchTexts(page, '#discord .embed-desc');
    await menu.getByRole('button', { name: /Generate/ }).click();

    const job = discord.locator('.dwrap', { has: page.locator('img.embed-image') }).first();
    await expect.poll(() => job.count(), WAIT).toBe(1);
    await expect.poll(() => imageLoaded(job.locator('img.embed-image').first()), WAIT).toBe(true);
    const seen = await statuses();
    expect(seen.some((s) => IN_FLIGHT.test(s))).toBe(true);
    expect(seen.some((s) => DONE.test(s))).toBe(true);
    await expect(job.locator('.embed-fields').textContent()).resolves.toContain('Comic Book');
    // Shown exactly as typed: not markup, not markdown.
    await expect(job.locator('.embed-desc').textContent()).resolves.toContain(TRICKY);
    await expect(page.locator('#discord img[src="x"], #discord .embed-desc strong').count()).resolves.toBe(0);
    await browser.screenshot('discord-generate');

    const originalId = (await job.getAttribute('data-wrap'))!;
    await job.locator('article').first().hover();
    await job.locator('.react-reroll').first().click();
    const reroll = discord.locator('.dwrap', { has: page.locator('.dref') }).last();
    await expect.poll(() => reroll.count(), WAIT).toBe(1);
    await expect.poll(() => reroll.locator('img.embed-image').count(), WAIT).toBe(1);
    await expect.poll(() => imageLoaded(reroll.locator('img.embed-image')), WAIT).toBe(true);
    const rerollId = (await reroll.getAttribute('data-wrap'))!;
    expect(rerollId).not.toBe(originalId);
    // Linked: the new message replies to the original in Discord, and the page shows it.
    expect(sb.discord!.message(rerollId)?.message_reference?.message_id).toBe(originalId);
    await expect(reroll.locator('.dref').textContent()).resolves.toContain('Comic Book');
    await browser.screenshot('discord-reroll');
  });

  it('Slack: /generate through the modal shows the live status, the image, and a 🔁 re-roll in its thread', async () => {
    const slack = page.locator('#slack');
    const input = slack.locator('.composer-input');
    await input.fill('/gen');
    await expect
      .poll(() => slack.locator('.command-popup [data-command="generate"]').isVisible(), WAIT)
      .toBe(true);
    await input.press('Enter');
    await expect(input.inputValue()).resolves.toBe('/generate ');
    await slack.locator('.send').click();

    const modal = page.locator('dialog.modal.slack');
    await modal.waitFor();
    await modal.locator('select[data-block-id="dim:style"]').selectOption('watercolor');
    await modal
      .locator('input[data-input="true"], textarea[data-input="true"]')
      .first()
      .fill('by the sea & <sky>');
    await browser.screenshot('slack-modal');
    const statuses = await watchTexts(page, '#slack .sb-context');
    await modal.locator('.modal-submit').click();
    await modal.waitFor({ state: 'detached' });

    const job = slack.locator('.swrap', { has: page.locator('.sb-image img') }).first();
    await expect.poll(() => job.count(), WAIT).toBe(1);
    await expect.poll(() => imageLoaded(job.locator('.sb-image img').first()), WAIT).toBe(true);
    const seen = await statuses();
    expect(seen.some((s) => IN_FLIGHT.test(s))).toBe(true);
    expect(seen.some((s) => DONE.test(s))).toBe(true);
    const text = await job.locator('.smsg').first().textContent();
    expect(text).toContain('Watercolor');
    // Typed text comes back as typed: escaped on the way in, shown unescaped, never as markup.
    expect(text).toContain('by the sea & <sky>');
    await browser.screenshot('slack-generate');

    await job.locator('.smsg').first().hover();
    await job.locator('.smsg .react-reroll').first().click();
    const reply = job.locator('.thread .smsg', { has: page.locator('.sb-image img') });
    await expect.poll(() => reply.count(), WAIT).toBe(1);
    await expect.poll(() => imageLoaded(reply.locator('.sb-image img')), WAIT).toBe(true);
    const ts = (await job.getAttribute('data-wrap'))!;
    const replies = sb.slack!.messages('C0ART00001').filter((m) => m.thread_ts === ts && m.ts !== ts);
    expect(replies.length).toBeGreaterThan(0);
    await browser.screenshot('slack-reroll');
    expect(browser.errors).toEqual([]);
  });

  it('Knobs: the model picker restarts the bot on the model chosen', async () => {
    const knobs = page.locator('#knobs');
    if (await knobs.isHidden()) await page.locator('#knobs-toggle').click();
    const picker = knobs.locator('select.model-select');
    await expect(picker.inputValue()).resolves.toBe('fal-ai/flux/schnell');
    await picker.selectOption('fal-ai/flux/dev');
    await expect.poll(() => knobs.getByText('The bot runs on fal-ai/flux/dev.').count(), WAIT).toBe(1);
    expect(sb.config.fal.model).toBe('fal-ai/flux/dev');
    expect(sb.bot.core.provider.models[0]).toBe('fal-ai/flux/dev');
    await browser.screenshot('knobs-model');
    expect(browser.errors).toEqual([]);
  });
});
