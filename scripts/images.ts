/**
 * `npm run images`: the pictures of the Marketplace page, made again from their sources.
 *
 *   images/icon.png          images/icon.svg rendered at 256×256 by Debian's chromium
 *   images/*.png (the rest)  screenshots of the end-to-end run (npm run test:e2e) in code-server:
 *                            the steps named in SHOTS, copied under the names the README shows
 *
 * `--icon` renders the icon only (no e2e run).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(__dirname, '..');
const images = join(root, 'images');

/** e2e step (test/e2e/e2e.test.ts) → the README's picture. */
const SHOTS: Record<string, string> = {
  'dry-run-hover': 'diagnostic-hover.png',
  completion: 'completion.png',
  'dry-run-diff': 'dry-run-diff.png',
  logs: 'logs.png',
};

async function icon(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync(join(images, 'icon.svg'), 'utf8')}</body></html>`);
    await page.locator('svg').screenshot({ path: join(images, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

function screenshots(): void {
  const shots = mkdtempSync(join(tmpdir(), 'pod-manifests-images-'));
  const run = spawnSync('npm', ['run', 'test:e2e'], { cwd: root, stdio: 'inherit', env: { ...process.env, POD_MANIFESTS_E2E_ARTIFACTS: shots } });
  if (run.status !== 0) throw new Error(`npm run test:e2e failed (exit ${run.status}): the pictures were not replaced`);
  const taken = readdirSync(shots);
  for (const [step, picture] of Object.entries(SHOTS)) {
    const file = taken.find((f) => f.replace(/^\d+-/, '') === `${step}.png`);
    if (!file) throw new Error(`the e2e run took no screenshot of step "${step}" (in ${shots})`);
    copyFileSync(join(shots, file), join(images, picture));
    console.log(`images/${picture} ← ${file}`);
  }
}

async function main() {
  await icon();
  console.log('images/icon.png ← images/icon.svg');
  if (!process.argv.includes('--icon')) screenshots();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
