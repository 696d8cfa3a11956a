/**
 * The web gallery in Chromium, reached the way the sandbox page offers it (a signed link for the person
 * you act as): filters, pagination, and 403 for forged or expired links.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_GUILD_ID, SANDBOX_PEOPLE } from '../../sandbox/sandbox-people.js';
import type { Generation } from '../../src/core/types.js';
import { insertGenerations } from '../../src/infra/db/bulk-insert.js';
import { signGalleryLink } from '../../src/web/gallery/signed-link.js';
import {
  type BrowserSession,
  canRunBrowserTests,
  imageLoaded,
  launchBrowser,
  startTestSandbox,
} from '../helpers/browser.js';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** Generous: other suites share the machine's two cores. */
const WAIT = { timeout: 15_000 };

const grace = SANDBOX_PEOPLE.find((p) => p.name === 'grace')!;
const WATERCOLOR = 10;
const COMIC = 16;

describe.skipIf(!canRunBrowserTests())('web gallery in Chromium (signed links from the sandbox page)', () => {
  let sb: TestSandbox;
  let browser: BrowserSession & { errors: string[] };
  let gallery: Page;
  let galleryUrl: URL;

  /** Grace's Discord images: one real render, copied into records with two different styles. */
  async function seedGrace(): Promise<void> {
    const { service, database } = sb.bot.core;
    const made = await service.request({
      requester: { platform: 'web', workspaceId: 'seed', channelId: 'seed', userId: 'seed' },
      params: { catalogId: 'capitao-caverna', options: { style: 'watercolor' } },
    });
    const real = await service.waitFor(made.id);
    expect(real.status).toBe('done');
    const start = Date.now() - 3_600_000;
    const copies: Generation[] = Array.from({ length: WATERCOLOR + COMIC }, (_, i) => ({
      ...real,
      id: `grace-${String(i).padStart(2, '0')}`,
      platform: 'discord',
      workspaceId: DISCORD_GUILD_ID,
      channelId: 'art',
      userId: grace.discordId,
      messageId: null,
      replyRef: null,
      options: { ...real.options, style: i < WATERCOLOR ? 'watercolor' : 'comic-book' },
      createdAt: start + i * 1000,
      updatedAt: start + i * 1000,
    }));
    await insertGenerations(database.db, copies);
  }

  async function openGalleryFromSandboxPage(context: BrowserContext): Promise<Page> {
    const page = browser.page;
    await page.goto(sb.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('.person[data-person="grace"]').click();
    await page.locator('#knobs-toggle').click();
    const link = page.getByRole('link', { name: "Grace's gallery (Discord)" });
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    return opened;
  }

  beforeAll(async () => {
    [sb, browser] = await Promise.all([
      startTestSandbox({
        platforms: { discord: true, slack: false },
        fal: { latencyMs: 50, latencySpreadMs: 0 },
      }),
      launchBrowser(),
    ]);
    await seedGrace();
    gallery = await openGalleryFromSandboxPage(browser.context);
    galleryUrl = new URL(gallery.url());
  });
  afterAll(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('opens the signed gallery of the person acted as, and pages through it', async () => {
    expect(galleryUrl.pathname).toBe('/gallery');
    expect(galleryUrl.searchParams.get('u')).toBe(grace.discordId);
    await expect(gallery.locator('.sub').textContent()).resolves.toMatch(
      `${WATERCOLOR + COMIC} images from Discord`,
    );
    await expect(gallery.locator('.grid .card').count()).resolves.toBe(24);
    const thumb = gallery.locator('.grid .card img').first();
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => imageLoaded(thumb), WAIT).toBe(true);
    await browser.screenshot('gallery', gallery);

    await gallery.getByRole('link', { name: 'Next →' }).click();
    await gallery.waitForURL(/page=2/);
    await expect(gallery.locator('.pages').textContent()).resolves.toContain('Page 2/2');
    await expect(gallery.locator('.grid .card').count()).resolves.toBe(WATERCOLOR + COMIC - 24);
    await browser.screenshot('gallery-page-2', gallery);
  });

  it('filters by catalog and dimension', async () => {
    await gallery.goto(galleryUrl.href);
    await gallery.locator('select[name="catalog"]').selectOption('capitao-caverna');
    await gallery.waitForURL(/catalog=capitao-caverna/);
    const style = gallery.locator('select[data-dimension="style"]');
    await style.selectOption('watercolor');
    await gallery.waitForURL(/watercolor/);
    await expect(gallery.locator('.sub').textContent()).resolves.toMatch(`${WATERCOLOR} images from Discord`);
    await expect(gallery.locator('.grid .card').count()).resolves.toBe(WATERCOLOR);
    await expect(gallery.locator('.pages').count()).resolves.toBe(0);
    await expect(gallery.locator('select[data-dimension="style"]').inputValue()).resolves.toBe('watercolor');
    await browser.screenshot('gallery-filtered', gallery);
  });

  it('answers 403 to a forged, tampered or expired link and shows nothing of the gallery', async () => {
    const status = async (url: string) => (await gallery.goto(url))?.status();
    expect(await status(galleryUrl.href)).toBe(200);

    const forged = new URL(galleryUrl);
    forged.searchParams.set('u', SANDBOX_PEOPLE[0]!.discordId);
    const tampered = new URL(galleryUrl);
    const sig = tampered.searchParams.get('sig')!;
    tampered.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    const claims = { platform: 'discord' as const, workspaceId: DISCORD_GUILD_ID, userId: grace.discordId };
    const expired = new URL(
      signGalleryLink({ ...claims, expiresAt: Date.now() - 60_000 }, sb.config.webLinkSecret),
      galleryUrl,
    );
    const fresh = new URL(
      signGalleryLink({ ...claims, expiresAt: Date.now() + 60_000 }, sb.config.webLinkSecret),
      galleryUrl,
    );
    expect(await status(fresh.href)).toBe(200);

    for (const [name, url] of [
      ['forged', forged],
      ['tampered', tampered],
      ['expired', expired],
    ] as const) {
      expect(await status(url.href), name).toBe(403);
      await expect(gallery.locator('h1').textContent()).resolves.toBe('This gallery link is not valid');
      await expect(gallery.locator('.grid .card').count()).resolves.toBe(0);
      expect(await gallery.content()).not.toContain(grace.discordId);
    }
    await browser.screenshot('gallery-403', gallery);
    expect(browser.errors).toEqual([]);
  });
});
