/**
 * A ClusterEndpoint is everything needed to talk to one API server as one user: built from a
 * kubeconfig context, or from the extension's own settings (server URL + token). Files the
 * context names (CA, client certificate) are read here, once, so a bad path is reported when
 * the context is chosen rather than on the first request.
 */
import fs from 'node:fs/promises';
import { KubeconfigError } from './errors';
import type { ExecConfig, Kubeconfig, KubeconfigCluster } from './kubeconfigFiles';

export interface AuthConfig {
  token?: string;
  /** re-read on every request, so a rotated token is picked up */
  tokenFile?: string;
  username?: string;
  password?: string;
  clientCert?: Buffer;
  clientKey?: Buffer;
  exec?: ExecConfig & { cluster?: ExecClusterInfo };
}

/** What an exec plugin with provideClusterInfo gets in KUBERNETES_EXEC_INFO.spec.cluster. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  config?: unknown;
}

export interface ClusterEndpoint {
  /** how messages name it: `context "dev"` or `the podManifests.api.server setting` */
  label: string;
  contextName?: string;
  clusterName?: string;
  userName?: string;
  server: string;
  /** the namespace of the context ("default" when it names none) */
  namespace: string;
  /** TLS is not verified: the UI shows a warning while this endpoint is in use */
  insecureSkipTlsVerify: boolean;
  ca?: Buffer;
  tlsServerName?: string;
  proxyUrl?: string;
  /** not enumerable, so logging or serialising an endpoint never shows a credential */
  readonly auth: AuthConfig;
}

export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
  current: boolean;
}

export function listContexts(config: Kubeconfig): ContextSummary[] {
  return [...config.contexts].map(([name, { value }]) => ({
    name,
    cluster: value.cluster,
    user: value.user,
    namespace: value.namespace || 'default',
    current: name === config.currentContext,
  }));
}

/** The endpoint of a context (default: the current context), as kubectl would use it. */
export async function resolveContext(config: Kubeconfig, contextName?: string): Promise<ClusterEndpoint> {
  const name = contextName ?? config.currentContext;
  const files = config.files.join(', ') || undefined;
  if (!name) {
    throw new KubeconfigError(
      config.contexts.size
        ? 'No current-context is set: choose a context'
        : 'No kubeconfig context found: create one with kubectl, or set podManifests.api.server',
      files,
    );
  }
  const ctx = config.contexts.get(name);
  if (!ctx) throw new KubeconfigError(`The context "${name}" is not defined`, files);
  const cl = config.clusters.get(ctx.value.cluster);
  if (!cl) throw new KubeconfigError(`The cluster "${ctx.value.cluster}" of context "${name}" is not defined`, ctx.file);
  const cluster = cl.value;
  if (!cluster.server) throw new KubeconfigError(`The cluster "${ctx.value.cluster}" has no server`, cl.file);

  const ca = cluster.certificateAuthorityData
    ? decodeData(cluster.certificateAuthorityData, 'certificate-authority-data', cl.file)
    : cluster.certificateAuthority
      ? await readRef(cluster.certificateAuthority, 'certificate-authority', cl.file)
      : undefined;

  // a context whose user is not defined runs without credentials, as with kubectl
  const u = config.users.get(ctx.value.user);
  const auth: AuthConfig = {};
  if (u) {
    const user = u.value;
    auth.token = user.token;
    auth.tokenFile = user.tokenFile;
    auth.username = user.username;
    auth.password = user.password;
    if (user.clientCertificateData || user.clientCertificate) {
      auth.clientCert = user.clientCertificateData
        ? decodeData(user.clientCertificateData, 'client-certificate-data', u.file)
        : await readRef(user.clientCertificate!, 'client-certificate', u.file);
      if (!user.clientKeyData && !user.clientKey) throw new KubeconfigError(`The user "${ctx.value.user}" has a client certificate but no client key`, u.file);
    }
    if (user.clientKeyData || user.clientKey) {
      auth.clientKey = user.clientKeyData ? decodeData(user.clientKeyData, 'client-key-data', u.file) : await readRef(user.clientKey!, 'client-key', u.file);
    }
    if (user.exec) {
      if (!user.exec.command) throw new KubeconfigError(`The exec plugin of user "${ctx.value.user}" has no command`, u.file);
      auth.exec = { ...user.exec, cluster: user.exec.provideClusterInfo ? execClusterInfo(cluster, ca) : undefined };
    }
    if (user.authProvider) {
      const p = user.authProvider;
      // OIDC: the id-token kubectl's oidc provider stored is used as is; refreshing it needs a plugin such as kubelogin
      if (p.name === 'oidc' && p.config['id-token'] && !auth.token) auth.token = p.config['id-token'];
      else if (p.name !== 'oidc')
        throw new KubeconfigError(
          `The auth-provider "${p.name}" of user "${ctx.value.user}" is not supported (kubectl dropped it in 1.26); use its exec credential plugin instead (e.g. gke-gcloud-auth-plugin, kubelogin)`,
          u.file,
        );
    }
  }

  return makeEndpoint(
    {
      label: `context "${name}"`,
      contextName: name,
      clusterName: ctx.value.cluster,
      userName: ctx.value.user,
      server: normaliseServer(cluster.server, cl.file),
      namespace: ctx.value.namespace || 'default',
      insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
      ca,
      tlsServerName: cluster.tlsServerName,
      proxyUrl: cluster.proxyUrl,
    },
    auth,
  );
}

export interface ServerSettings {
  /** the API server URL */
  server: string;
  /** the bearer token (kept by the caller in SecretStorage); none for anonymous access */
  token?: string;
  namespace?: string;
  /** PEM, when the server's certificate is not signed by a CA Node trusts */
  ca?: Buffer | string;
  insecureSkipTlsVerify?: boolean;
  label?: string;
}

/** The alternative to a kubeconfig: a server URL and a token from the extension's settings. */
export function endpointForServer(s: ServerSettings): ClusterEndpoint {
  return makeEndpoint(
    {
      label: s.label ?? 'the podManifests.api.server setting',
      server: normaliseServer(s.server),
      namespace: s.namespace || 'default',
      insecureSkipTlsVerify: !!s.insecureSkipTlsVerify,
      ca: typeof s.ca === 'string' ? Buffer.from(s.ca) : s.ca,
    },
    { token: s.token || undefined },
  );
}

/** The same endpoint in another namespace (the status bar's namespace switch). */
export function withNamespace(ep: ClusterEndpoint, namespace: string): ClusterEndpoint {
  const { auth: _replaced, ...rest } = ep;
  return makeEndpoint({ ...rest, namespace }, ep.auth);
}

function makeEndpoint(fields: Omit<ClusterEndpoint, 'auth'>, auth: AuthConfig): ClusterEndpoint {
  const ep = { ...fields } as ClusterEndpoint;
  Object.defineProperty(ep, 'auth', { value: auth, enumerable: false });
  return ep;
}

function normaliseServer(server: string, file?: string): string {
  // kubectl takes a bare host:port as https
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new KubeconfigError(`The server address "${server}" is not a URL`, file);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new KubeconfigError(`The server address "${server}" is not http(s)`, file);
  return url.toString().replace(/\/$/, '');
}

function decodeData(b64: string, what: string, file: string): Buffer {
  const buf = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
  if (!buf.length) throw new KubeconfigError(`${what} is empty or not base64`, file);
  return buf;
}

async function readRef(p: string, what: string, file: string): Promise<Buffer> {
  try {
    return await fs.readFile(p);
  } catch (err) {
    throw new KubeconfigError(`Cannot read the ${what} file ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, file);
  }
}

function execClusterInfo(c: KubeconfigCluster, ca: Buffer | undefined): ExecClusterInfo {
  return {
    server: c.server,
    ...(c.tlsServerName ? { 'tls-server-name': c.tlsServerName } : {}),
    ...(c.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(ca ? { 'certificate-authority-data': ca.toString('base64') } : {}),
    ...(c.proxyUrl ? { 'proxy-url': c.proxyUrl } : {}),
    ...(c.execExtension !== undefined ? { config: c.execExtension } : {}),
  };
}
