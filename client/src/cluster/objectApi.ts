/**
 * Apply, dry run and read of one object of the kinds the language server lists (a Pod, or an
 * object with a Pod template), with typed answers. Apply is server-side apply (the server merges
 * and owns conflicts, so there is no client-side diff against a GET as kubectl's client-side apply
 * does); dry-run is the same request with dryRun=All.
 */
import type { KubeClient } from './kubeClient';

/** Our field manager: the fields we apply are owned by it. */
export const FIELD_MANAGER = 'pod-manifests';

/** An object as the server returns it; only the fields this layer reads are typed. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string; [k: string]: unknown };
  spec?: Record<string, any>;
  status?: Record<string, any>;
  [k: string]: unknown;
}

/** The Pod template of an object, at its template path (ManifestDocument.templatePath: `spec.template`, …; empty: the object itself, a Pod). */
export function podTemplateOf(object: object, templatePath: string): { metadata?: Record<string, any>; spec?: Record<string, any> } | undefined {
  let node: any = object;
  for (const key of templatePath ? templatePath.split('.') : []) node = node?.[key];
  return node !== null && typeof node === 'object' ? node : undefined;
}

/** Which collection an object goes to: its apiVersion as written, and its kind. */
export interface ObjectType {
  apiVersion: string;
  kind: string;
}

export interface ApplyOptions {
  /** default: the object's metadata.namespace, else the endpoint's namespace */
  namespace?: string;
  /** required when the body is YAML text; default the object's metadata.name */
  name?: string;
  /** take over fields other managers own (after a 409) */
  force?: boolean;
  dryRun?: boolean;
  fieldManager?: string;
  signal?: AbortSignal;
}

export interface ApplyResult<T extends KubeObject = KubeObject> {
  /** the object as stored (or, with dryRun, as it would be stored) */
  object: T;
  /** 201 when the object did not exist */
  created: boolean;
  statusCode: number;
  dryRun: boolean;
  namespace: string;
  warnings: string[];
}

/**
 * Server-side apply of one object. `body` is the object (sent as JSON, which is YAML) or YAML text.
 * Throws the typed errors: ConflictError (409, with .fields), InvalidError (422, with .causes),
 * ServerError (500), ForbiddenError, UnauthorizedError, network errors...
 */
export async function applyObject<T extends KubeObject>(
  client: KubeClient,
  type: ObjectType,
  body: T | string,
  opts: ApplyOptions = {},
): Promise<ApplyResult<T>> {
  const meta = typeof body === 'string' ? undefined : body.metadata;
  const name = opts.name ?? meta?.name;
  if (!name) throw new TypeError(`apply: the ${type.kind} has no metadata.name (pass opts.name with YAML text)`);
  const namespace = opts.namespace ?? meta?.namespace ?? client.endpoint.namespace;
  const res = await client.call({
    method: 'PATCH',
    path: objectPath(type, namespace, name),
    query: {
      fieldManager: opts.fieldManager ?? FIELD_MANAGER,
      fieldValidation: 'Strict',
      force: opts.force ? true : undefined,
      dryRun: opts.dryRun ? 'All' : undefined,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    contentType: 'application/apply-patch+yaml',
    signal: opts.signal,
  });
  return {
    object: JSON.parse(res.body) as T,
    created: res.statusCode === 201,
    statusCode: res.statusCode,
    dryRun: !!opts.dryRun,
    namespace,
    warnings: res.warnings,
  };
}

export type GetResult<T extends KubeObject = KubeObject> = { found: true; object: T; warnings: string[] } | { found: false; warnings: string[] };

/** The live object, or `found: false` (404 is an answer here, not an error). */
export async function getObject<T extends KubeObject>(
  client: KubeClient,
  type: ObjectType,
  name: string,
  namespace = client.endpoint.namespace,
  signal?: AbortSignal,
): Promise<GetResult<T>> {
  const res = await client.request({ method: 'GET', path: objectPath(type, namespace, name), signal });
  if (res.statusCode === 404) return { found: false, warnings: res.warnings };
  if (res.statusCode >= 400) throw client.statusError(res.statusCode, res.body, res.warnings);
  return { found: true, object: JSON.parse(res.body) as T, warnings: res.warnings };
}

/**
 * `/api/v1/namespaces/default/pods/web`, `/apis/apps/v1/namespaces/default/deployments/web`:
 * the core group under /api, the others under /apis. Every kind the language server lists is
 * namespaced and its resource is its kind in lower case plus "s" (pods, podtemplates,
 * replicationcontrollers, deployments, statefulsets, daemonsets, replicasets, jobs, cronjobs),
 * so no discovery round trip is needed.
 */
export function objectPath(type: ObjectType, namespace: string, name: string, sub = ''): string {
  const group = type.apiVersion.includes('/') ? `/apis/${type.apiVersion}` : `/api/${type.apiVersion}`;
  return `${group}/namespaces/${encodeURIComponent(namespace)}/${type.kind.toLowerCase()}s/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}
