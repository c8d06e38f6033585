// npm run test:vscode: the extension-host suite (test/vscode/suite, mocha) inside a real VS Code.
//
// 1. esbuild compiles test/vscode/suite/*.ts to dist/vscode-test/suite/*.js (one file each;
//    `vscode` and `mocha` stay require()s: the host provides vscode, mocha comes from
//    node_modules). index.js is the extensionTestsPath module, *.test.js the mocha files:
//    the layout @vscode/test-electron and @vscode/test-cli expect.
// 2. code-server (always): started with --vscode-option enable-smoke-test-driver, the workbench is
//    opened with a payload of extensionDevelopmentPath (this repository; its dist/ must be built)
//    and extensionTestsPath; the page calls window.codeAutomationExit(code) when run() settles,
//    and window.codeAutomationLog carries the extension host's console (mocha's report).
// 3. a desktop VS Code, only if VSCODE_EXECUTABLE is set: @vscode/test-electron's runTests with
//    that installation (nothing is downloaded). The same compiled suite.
//
// Exit code 0 only if every run passed.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, ROOT, startCodeServer } from '../e2e/codeServer';

const OUT = path.join(ROOT, 'dist', 'vscode-test', 'suite');
const WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
const TIMEOUT_MS = Number(process.env.POD_MANIFESTS_SUITE_TIMEOUT_MS ?? 5 * 60_000);

async function compileSuite(): Promise<void> {
  fs.rmSync(OUT, { recursive: true, force: true });
  const dir = path.join(ROOT, 'test', 'vscode', 'suite');
  await build({
    entryPoints: fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f)),
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** A fresh copy of the fixture workspace (the tests must not change the repository's files). */
function workspaceCopy(tmp: string): string {
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(WORKSPACE, ws, { recursive: true });
  return ws;
}

async function inCodeServer(): Promise<boolean> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-manifests-suite-'));
  const ws = workspaceCopy(tmp);
  const cs = await startCodeServer({ folder: ws, dir: path.join(tmp, 'code-server'), args: ['--vscode-option', 'enable-smoke-test-driver'] });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    browser = await launchBrowser(path.join(tmp, 'profile'));
    const { page } = browser;
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exit(code);
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
      // console.log's arguments, as the host passed them (mocha's spec reporter uses %s / %d)
      const parts = Array.isArray(args) ? args : [args];
      process.stdout.write(`${format(...parts)}\n`);
    });
    const remote = (p: string) => `vscode-remote://${cs.host}:${cs.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(OUT, 'index.js'))],
    ]);
    process.stdout.write(`test:vscode: code-server ${cs.url}, extension ${ROOT}, suite ${OUT}\n`);
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`test:vscode: no codeAutomationExit within ${TIMEOUT_MS} ms\n`);
        resolve(124);
      }, TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exited, timeout]);
    if (code !== 0) {
      const shot = path.join(tmp, 'failed.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      process.stderr.write(
        `test:vscode: code-server run failed (exit ${code}); screenshot ${shot}\ncode-server log (tail):\n${cs.log().split('\n').slice(-30).join('\n')}\n`,
      );
    }
    process.stdout.write(`test:vscode: code-server: exit code ${code}\n`);
    return code === 0;
  } finally {
    await browser?.context.close().catch(() => undefined);
    await cs.stop();
    if (!process.env.POD_MANIFESTS_SUITE_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function inDesktopVSCode(executable: string): Promise<boolean> {
  const { runTests } = await import('@vscode/test-electron');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-manifests-suite-'));
  try {
    const ws = workspaceCopy(tmp);
    process.stdout.write(`test:vscode: VS Code ${executable}\n`);
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      launchArgs: [
        ws,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    }).catch((e: unknown) => {
      process.stderr.write(`test:vscode: VS Code run failed: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    });
    process.stdout.write(`test:vscode: VS Code: exit code ${code}\n`);
    return code === 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: npm run build first (npm run test:vscode does)');
  await compileSuite();
  const results: boolean[] = [];
  if (process.env.POD_MANIFESTS_SUITE_SKIP_CODE_SERVER !== '1') results.push(await inCodeServer());
  if (process.env.VSCODE_EXECUTABLE) results.push(await inDesktopVSCode(process.env.VSCODE_EXECUTABLE));
  else process.stdout.write('test:vscode: VSCODE_EXECUTABLE is not set: the desktop VS Code run is skipped\n');
  if (results.length === 0 || results.some((ok) => !ok)) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
