/**
 * Reads kubeconfig files the way kubectl (client-go's clientcmd loader) does, so the contexts
 * a user sees here are the ones `kubectl config get-contexts` shows:
 * - `KUBECONFIG` is a list of files (":"-separated; ";" on Windows), empty entries and repeats
 *   dropped; without it, `~/.kube/config`;
 * - a listed file that does not exist is skipped; one that exists but cannot be read or parsed
 *   is an error (kubectl fails too);
 * - merging: the first file to define a cluster, user or context name wins (whole entry), and
 *   the first file with a current-context sets it;
 * - relative file paths in an entry are relative to the file that defined it.
 * (@kubernetes/client-node 1.x differs on all of the merge points: it throws on repeated names,
 * lets the last current-context win and fails on a missing file.)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { KubeconfigError } from './errors';

export interface KubeconfigCluster {
  server: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  /** the `extensions` entry named "client.authentication.k8s.io/exec", handed to exec plugins */
  execExtension?: unknown;
}

export interface ExecConfig {
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  apiVersion: string;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
}

export interface KubeconfigUser {
  token?: string;
  tokenFile?: string;
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: { name: string; config: Record<string, string> };
}

export interface KubeconfigContext {
  cluster: string;
  user: string;
  namespace?: string;
}

/** An entry and the file it came from (messages name it). */
export interface Sourced<T> {
  value: T;
  file: string;
}

export interface Kubeconfig {
  /** the files that were read, in order (missing ones left out) */
  files: string[];
  currentContext?: string;
  clusters: Map<string, Sourced<KubeconfigCluster>>;
  users: Map<string, Sourced<KubeconfigUser>>;
  contexts: Map<string, Sourced<KubeconfigContext>>;
}

export interface LoadOptions {
  /** default process.env */
  env?: NodeJS.ProcessEnv;
  /** default os.homedir() */
  homeDir?: string;
  /** explicit files instead of KUBECONFIG / ~/.kube/config */
  files?: string[];
}

/** The files kubectl would read, in order. */
export function kubeconfigPaths(opts: LoadOptions = {}): string[] {
  if (opts.files) return dedupe(opts.files.filter((f) => f));
  const env = opts.env ?? process.env;
  const list = env.KUBECONFIG;
  if (list) {
    const files = dedupe(list.split(path.delimiter).filter((f) => f));
    if (files.length) return files;
  }
  return [path.join(opts.homeDir ?? os.homedir(), '.kube', 'config')];
}

export async function loadKubeconfig(opts: LoadOptions = {}): Promise<Kubeconfig> {
  const merged: Kubeconfig = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of kubeconfigPaths(opts)) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new KubeconfigError(`Cannot read the kubeconfig: ${(err as Error).message}`, file);
    }
    const one = parseKubeconfig(text, file);
    merged.files.push(file);
    if (!merged.currentContext && one.currentContext) merged.currentContext = one.currentContext;
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      const into = merged[key] as Map<string, Sourced<unknown>>;
      for (const [name, entry] of one[key] as Map<string, Sourced<unknown>>) if (!into.has(name)) into.set(name, entry);
    }
  }
  return merged;
}

/** One file's content; `file` locates relative paths and names the file in errors. */
export function parseKubeconfig(text: string, file: string): Kubeconfig {
  let doc: unknown;
  try {
    // sigs.k8s.io/yaml reads YAML 1.1 (yes/no are booleans)
    doc = parse(text, { version: '1.1' });
  } catch (err) {
    throw new KubeconfigError(`The kubeconfig is not valid YAML: ${(err as Error).message.split('\n')[0]}`, file);
  }
  const out: Kubeconfig = { files: [file], clusters: new Map(), users: new Map(), contexts: new Map() };
  if (doc === null || doc === undefined) return out;
  if (!isObject(doc)) throw new KubeconfigError('The kubeconfig is not a YAML mapping', file);
  const base = path.dirname(path.resolve(file));
  const resolve = (p: unknown) => (str(p) ? (path.isAbsolute(str(p)!) ? str(p) : path.join(base, str(p)!)) : undefined);

  out.currentContext = str(doc['current-context']) || undefined;
  named(doc.clusters, 'cluster', file, (name, c) => {
    const ext = list(c.extensions).find((e) => isObject(e) && e.name === 'client.authentication.k8s.io/exec');
    out.clusters.set(name, {
      file,
      value: {
        server: str(c.server) ?? '',
        certificateAuthority: resolve(c['certificate-authority']),
        certificateAuthorityData: str(c['certificate-authority-data']),
        insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true || c['insecure-skip-tls-verify'] === 'true',
        tlsServerName: str(c['tls-server-name']),
        proxyUrl: str(c['proxy-url']),
        execExtension: isObject(ext) ? ext.extension : undefined,
      },
    });
  });
  named(doc.users, 'user', file, (name, u) => {
    const user: KubeconfigUser = {
      token: str(u.token),
      tokenFile: resolve(u.tokenFile),
      clientCertificate: resolve(u['client-certificate']),
      clientCertificateData: str(u['client-certificate-data']),
      clientKey: resolve(u['client-key']),
      clientKeyData: str(u['client-key-data']),
      username: str(u.username),
      password: str(u.password),
    };
    if (isObject(u.exec)) {
      const e = u.exec;
      let command = str(e.command) ?? '';
      // like client-go: a command with a path separator is relative to the file; a bare name is looked up in PATH
      if (command.includes(path.sep) && !path.isAbsolute(command)) command = path.join(base, command);
      user.exec = {
        command,
        args: list(e.args).map((a) => String(a)),
        env: list(e.env)
          .filter(isObject)
          .map((v) => ({ name: str(v.name) ?? '', value: str(v.value) ?? '' })),
        apiVersion: str(e.apiVersion) ?? '',
        installHint: str(e.installHint),
        provideClusterInfo: e.provideClusterInfo === true,
        interactiveMode: str(e.interactiveMode) as ExecConfig['interactiveMode'],
      };
    }
    if (isObject(u['auth-provider'])) {
      const p = u['auth-provider'];
      const config: Record<string, string> = {};
      if (isObject(p.config)) for (const [k, v] of Object.entries(p.config)) config[k] = String(v);
      user.authProvider = { name: str(p.name) ?? '', config };
    }
    out.users.set(name, { file, value: user });
  });
  named(doc.contexts, 'context', file, (name, c) => {
    out.contexts.set(name, {
      file,
      value: { cluster: str(c.cluster) ?? '', user: str(c.user) ?? '', namespace: str(c.namespace) || undefined },
    });
  });
  return out;
}

/** Walks `clusters:`/`users:`/`contexts:`; a name twice in one file is an error, as in client-go. */
function named(items: unknown, field: string, file: string, each: (name: string, body: Record<string, unknown>) => void) {
  const seen = new Set<string>();
  for (const item of list(items)) {
    if (!isObject(item)) continue;
    const name = str(item.name);
    if (!name) continue;
    if (seen.has(name)) throw new KubeconfigError(`The ${field} "${name}" is defined twice`, file);
    seen.add(name);
    each(name, isObject(item[field]) ? item[field] : {});
  }
}

function dedupe(files: string[]): string[] {
  return [...new Set(files)];
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}
