/**
 * The few API calls the extension makes on Pods, with typed answers. Apply is server-side apply
 * (the server merges and owns conflicts, so there is no client-side diff against a GET as
 * kubectl's client-side apply does); dry-run is the same request with dryRun=All.
 */
import type { KubeClient } from './kubeClient';

/** Our field manager: the fields we apply are owned by it. */
export const FIELD_MANAGER = 'pod-manifests';

/** A Pod as the server returns it; only the fields this layer reads are typed. */
export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string; [k: string]: unknown };
  spec?: Record<string, any>;
  status?: Record<string, any>;
  [k: string]: unknown;
}

export interface ApplyOptions {
  /** default: the Pod's metadata.namespace, else the endpoint's namespace */
  namespace?: string;
  /** required when the body is YAML text; default the Pod's metadata.name */
  name?: string;
  /** take over fields other managers own (after a 409) */
  force?: boolean;
  dryRun?: boolean;
  fieldManager?: string;
  signal?: AbortSignal;
}

export interface ApplyResult {
  /** the object as stored (or, with dryRun, as it would be stored) */
  pod: Pod;
  /** 201 when the Pod did not exist */
  created: boolean;
  statusCode: number;
  dryRun: boolean;
  namespace: string;
  warnings: string[];
}

/**
 * Server-side apply of one Pod. `pod` is the object (sent as JSON, which is YAML) or YAML text.
 * Throws the typed errors: ConflictError (409, with .fields), InvalidError (422, with .causes),
 * ServerError (500), ForbiddenError, UnauthorizedError, network errors...
 */
export async function applyPod(client: KubeClient, pod: Pod | string, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const meta = typeof pod === 'string' ? undefined : pod.metadata;
  const name = opts.name ?? meta?.name;
  if (!name) throw new TypeError('applyPod: the Pod has no metadata.name (pass opts.name with YAML text)');
  const namespace = opts.namespace ?? meta?.namespace ?? client.endpoint.namespace;
  const res = await client.call({
    method: 'PATCH',
    path: podPath(namespace, name),
    query: {
      fieldManager: opts.fieldManager ?? FIELD_MANAGER,
      fieldValidation: 'Strict',
      force: opts.force ? true : undefined,
      dryRun: opts.dryRun ? 'All' : undefined,
    },
    body: typeof pod === 'string' ? pod : JSON.stringify(pod),
    contentType: 'application/apply-patch+yaml',
    signal: opts.signal,
  });
  return {
    pod: JSON.parse(res.body) as Pod,
    created: res.statusCode === 201,
    statusCode: res.statusCode,
    dryRun: !!opts.dryRun,
    namespace,
    warnings: res.warnings,
  };
}

export type GetPodResult = { found: true; pod: Pod; warnings: string[] } | { found: false; warnings: string[] };

/** The live Pod, or `found: false` (404 is an answer here, not an error). */
export async function getPod(client: KubeClient, name: string, namespace = client.endpoint.namespace, signal?: AbortSignal): Promise<GetPodResult> {
  const res = await client.request({ method: 'GET', path: podPath(namespace, name), signal });
  if (res.statusCode === 404) return { found: false, warnings: res.warnings };
  if (res.statusCode >= 400) throw client.statusError(res.statusCode, res.body, res.warnings);
  return { found: true, pod: JSON.parse(res.body) as Pod, warnings: res.warnings };
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  platform?: string;
  [k: string]: unknown;
}

/** GET /version: the cheapest "is it there and do my credentials work" call. */
export async function getVersion(client: KubeClient, signal?: AbortSignal): Promise<{ version: VersionInfo; warnings: string[] }> {
  const res = await client.call({ method: 'GET', path: '/version', signal });
  return { version: JSON.parse(res.body) as VersionInfo, warnings: res.warnings };
}

export function podPath(namespace: string, name: string, sub = ''): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}
