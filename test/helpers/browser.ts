import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/start-sandbox.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_MISSING = 'install chromium (apt-get install chromium)';
export const ARTIFACTS_DIR = resolve(PROJECT_ROOT, 'test-artifacts', 'browser');

/**
 * For `describe.skipIf(!canRunBrowserTests())`: true when Debian's Chromium is installed. Outside CI a
 * missing browser skips with a message; in CI it throws, so the suite fails instead of passing silently.
 */
export function canRunBrowserTests(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM_PATH} is missing: ${CHROMIUM_MISSING}`);
  console.warn(`Skipping the browser tests: ${CHROMIUM_MISSING}`);
  return false;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot to test-artifacts/browser/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; page errors fail loudly through `errors`. */
export async function launchBrowser(
  viewport = { width: 1440, height: 900 },
): Promise<BrowserSession & { errors: string[] }> {
  const profile = await mkdtemp(join(tmpdir(), 'atelier-chromium-'));
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    async screenshot(name, target = page) {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await target.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The whole sandbox in-process on free ports, with a temporary data folder and a quick fal. */
export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<Sandbox & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-sandbox-'));
  const sandbox = await startSandbox({
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    port: 0,
    botPort: 0,
    dataDir,
    fal: { latencyMs: 700, latencySpreadMs: 0 },
    ...options,
  });
  const close = sandbox.close;
  // Assigned, not spread: `bot` and `config` are getters (the model switch restarts the bot).
  return Object.assign(sandbox, {
    dataDir,
    async close() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * Records every text the selector ever shows from now on (a MutationObserver misses no edit, however
 * quick); call the returned function for the texts seen so far. In-page code is a string: the test
 * project has no DOM types.
 */
export async function watchTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = JSON.stringify(`seen-${Math.random().toString(36).slice(2)}`);
  await page.evaluate(`(() => {
    const seen = (window[${key}] = new Set());
    const grab = () => {
      for (const el of document.querySelectorAll(${JSON.stringify(selector)})) seen.add(el.textContent.trim());
    };
    new MutationObserver(grab).observe(document.body, { subtree: true, childList: true, characterData: true });
    grab();
  })()`);
  return () => page.evaluate(`[...window[${key}]]`) as Promise<string[]>;
}

/** True once an <img> has loaded a real image. */
export const imageLoaded = (img: Locator): Promise<boolean> =>
  img.evaluate((el) => {
    const image = el as unknown as { complete: boolean; naturalWidth: number };
    return image.complete && image.naturalWidth > 0;
  });
