// A real VS Code for tests: code-server (VS Code's server + web workbench, installed by
// test/e2e/setup-code-server.sh outside the work tree) and Debian's chromium driven by
// playwright-core. Used by the e2e scenarios (test/e2e/*.test.ts) and by the extension-host
// suite's code-server runner (test/vscode/run.ts).
//
// Every process started here is in its own process group and is stopped by stop(); nothing is
// left behind, also when a test fails (callers stop in after()/finally).
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The code-server launcher script (its shebang wants Node 24, which is put first on PATH). */
export function codeServerBin(): { bin: string; nodeBinDir: string } {
  const bin =
    process.env.CODE_SERVER_BIN ??
    (() => {
      const r = spawnSync('bash', [path.join(ROOT, 'test/e2e/setup-code-server.sh'), '--print'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`code-server is not installed: run bash test/e2e/setup-code-server.sh\n${r.stderr}`);
      return r.stdout.trim().split('\n').pop()!;
    })();
  // <version>/cs/node_modules/.bin/code-server -> <version>/node24/node_modules/node/bin
  const nodeBinDir = process.env.CODE_SERVER_NODE_BIN_DIR ?? path.resolve(path.dirname(bin), '..', '..', '..', 'node24', 'node_modules', 'node', 'bin');
  if (!fs.existsSync(path.join(nodeBinDir, 'node'))) throw new Error(`Node 24 for code-server not found in ${nodeBinDir}`);
  return { bin, nodeBinDir };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  dir: string;
  /** code-server's own stdout/stderr so far (for failure reports) */
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** the workspace folder (also the folder opened by default) */
  folder: string;
  /** a .vsix to install into the fresh extensions dir first */
  vsix?: string;
  /** extra environment (e.g. KUBECONFIG); the extension host inherits it */
  env?: Record<string, string>;
  /** extra user settings */
  settings?: Record<string, unknown>;
  /** extra code-server arguments, e.g. ['--vscode-option', 'enable-smoke-test-driver'] */
  args?: string[];
  /** where to keep user data etc.; default a new temp dir */
  dir?: string;
}

/** Starts code-server on a free port of 127.0.0.1 and resolves once /healthz answers. */
export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const { bin, nodeBinDir } = codeServerBin();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pod-manifests-cs-'));
  const userData = path.join(dir, 'data');
  const extensions = path.join(dir, 'extensions');
  for (const d of ['data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        // the DOM renderer: the terminal's text is in the page (.xterm-rows), not on a canvas
        'terminal.integrated.gpuAcceleration': 'off',
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${nodeBinDir}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    TMPDIR: path.join(dir, 'tmp'),
    ...opts.env,
  };
  // not inherited from the test runner: it would change how the extension host runs
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  if (opts.vsix) {
    const r = spawnSync(bin, [...common, '--install-extension', opts.vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${opts.vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const host = '127.0.0.1';
  const args = [
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...common,
    ...(opts.args ?? []),
    opts.folder,
  ];
  let output = '';
  const child: ChildProcess = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running || child.pid === undefined) return;
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig); // the whole group: code-server, its server, extension host, language server
      } catch {
        /* gone */
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    // children of the group that outlived the launcher (extension host, language server)
    signal('SIGKILL');
  };
  process.once('exit', () => {
    if (running && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running) throw new Error(`code-server exited before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, host, port, dir, log: () => output, stop };
}

/** Debian's chromium (or CHROMIUM), headless, on a new empty profile. */
export async function launchBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
