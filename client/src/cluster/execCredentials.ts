/**
 * Exec credential plugins (client.authentication.k8s.io ExecCredential), as client-go runs them:
 * the command without a shell, with the user's environment plus the plugin's `env`, and
 * KUBERNETES_EXEC_INFO describing the request. The answer is cached until its
 * expirationTimestamp (or, without one, until the server answers 401), and concurrent callers
 * share one run. We are never interactive: stdin is closed and stderr is captured for the
 * error message (in a terminal kubectl would show it live).
 */
import { spawn } from 'node:child_process';
import type { ExecClusterInfo } from './endpoint';
import { AuthPluginError, type ErrorTarget } from './errors';
import type { ExecConfig } from './kubeconfigFiles';

export interface ExecCredential {
  token?: string;
  clientCert?: Buffer;
  clientKey?: Buffer;
  /** ms since the epoch; none: valid until a 401 */
  expiresAt?: number;
}

export interface ExecCacheOptions {
  /** the clock expiry is checked against (tests move it) */
  now?: () => number;
  /** how long a plugin may run (default 60 s) */
  timeoutMs?: number;
}

const SUPPORTED = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const STDERR_KEEP = 4000;

export class ExecCredentialCache {
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly entries = new Map<string, { cred?: ExecCredential; pending?: Promise<ExecCredential> }>();
  /** how many times a plugin was started (for tests and the output channel) */
  runs = 0;

  constructor(opts: ExecCacheOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  async get(exec: ExecConfig & { cluster?: ExecClusterInfo }, env: NodeJS.ProcessEnv, target: ErrorTarget): Promise<ExecCredential> {
    const key = cacheKey(exec);
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = {}));
    if (entry.cred && (entry.cred.expiresAt === undefined || entry.cred.expiresAt > this.now())) return entry.cred;
    if (!entry.pending) {
      const e = entry;
      e.cred = undefined;
      e.pending = this.run(exec, env, target).then(
        (cred) => {
          e.pending = undefined;
          e.cred = cred;
          return cred;
        },
        (err) => {
          e.pending = undefined;
          throw err;
        },
      );
    }
    return entry.pending!;
  }

  /** After a 401: the next get() runs the plugin again. */
  invalidate(exec: ExecConfig & { cluster?: ExecClusterInfo }): void {
    const entry = this.entries.get(cacheKey(exec));
    if (entry) entry.cred = undefined;
  }

  private run(exec: ExecConfig & { cluster?: ExecClusterInfo }, baseEnv: NodeJS.ProcessEnv, target: ErrorTarget): Promise<ExecCredential> {
    const name = `The credential plugin "${exec.command}" of ${target.label}`;
    if (!SUPPORTED.includes(exec.apiVersion)) {
      return Promise.reject(new AuthPluginError(`${name} asks for apiVersion "${exec.apiVersion}"; supported: ${SUPPORTED.join(', ')}`, target));
    }
    if (exec.interactiveMode === 'Always') {
      return Promise.reject(
        new AuthPluginError(`${name} needs an interactive terminal (interactiveMode: Always); run a kubectl command in a terminal to log in first`, target),
      );
    }
    const info = {
      apiVersion: exec.apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false, ...(exec.provideClusterInfo && exec.cluster ? { cluster: exec.cluster } : {}) },
    };
    const env: NodeJS.ProcessEnv = { ...baseEnv };
    for (const { name: k, value } of exec.env) env[k] = value;
    env.KUBERNETES_EXEC_INFO = JSON.stringify(info);

    this.runs += 1;
    return new Promise<ExecCredential>((resolve, reject) => {
      const child = spawn(exec.command, exec.args, { env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let stdout = '';
      let stderr = '';
      let settled = false;
      const fail = (msg: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new AuthPluginError(msg, target, stderr.trim().slice(-STDERR_KEEP)));
      };
      const timer = setTimeout(() => {
        child.kill();
        fail(`${name} did not finish within ${Math.round(this.timeoutMs / 1000)} s`);
      }, this.timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        if (stderr.length > 4 * STDERR_KEEP) stderr = stderr.slice(-2 * STDERR_KEEP);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') fail(`${name} was not found${exec.installHint ? `.\n${exec.installHint.trim()}` : ' (is it installed and on PATH?)'}`);
        else fail(`${name} could not be started: ${err.message}`);
      });
      child.on('close', (code, signal) => {
        if (settled) return;
        if (code !== 0) return fail(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
        try {
          const cred = parseCredential(stdout, exec.apiVersion);
          settled = true;
          clearTimeout(timer);
          resolve(cred);
        } catch (err) {
          fail(`${name} gave an unusable answer: ${(err as Error).message}`);
        }
      });
    });
  }
}

function parseCredential(stdout: string, apiVersion: string): ExecCredential {
  let v: any;
  try {
    v = JSON.parse(stdout);
  } catch {
    throw new Error('its output is not JSON');
  }
  if (v?.kind !== 'ExecCredential') throw new Error(`kind is "${v?.kind}", not ExecCredential`);
  if (v.apiVersion !== apiVersion) throw new Error(`apiVersion is "${v.apiVersion}", the kubeconfig asked for "${apiVersion}"`);
  const s = v.status ?? {};
  const cred: ExecCredential = {};
  if (typeof s.token === 'string' && s.token) cred.token = s.token;
  if (s.clientCertificateData || s.clientKeyData) {
    if (!s.clientCertificateData || !s.clientKeyData) throw new Error('it gave only one of clientCertificateData and clientKeyData');
    cred.clientCert = Buffer.from(String(s.clientCertificateData));
    cred.clientKey = Buffer.from(String(s.clientKeyData));
  }
  if (!cred.token && !cred.clientCert) throw new Error('it has neither status.token nor a client certificate');
  if (s.expirationTimestamp) {
    const t = Date.parse(s.expirationTimestamp);
    if (Number.isNaN(t)) throw new Error(`expirationTimestamp "${s.expirationTimestamp}" is not a time`);
    cred.expiresAt = t;
  }
  return cred;
}

function cacheKey(exec: ExecConfig & { cluster?: ExecClusterInfo }): string {
  return JSON.stringify([exec.command, exec.args, exec.env, exec.apiVersion, exec.provideClusterInfo ? exec.cluster : null]);
}

/** Shared by all clients of the extension, so switching contexts does not re-run plugins. */
export const defaultExecCache = new ExecCredentialCache();
