/**
 * The names in a file that point at other names: each place a name is defined (a volume, a
 * container, a container's port, a template's label) or referred to (a volumeMount, a probe's
 * named port, the default-container annotation, a resourceFieldRef, a selector, a Service's
 * selector and targetPort), with where it is written. Definition, references, highlight, rename,
 * completion and the name checks all read it; it is made once per document text.
 *
 * Scopes: a volume, a container and a label belong to one Pod spec (a Pod's, or a template's, at
 * its path); a port to one container. A Service in the file refers to the labels of every Pod spec
 * of its namespace there, and its targetPort to the ports of the containers it selects.
 */
import { eachContainer, LIFECYCLE_HANDLERS, PROBES } from '../rules/containerWalk';
import { weakCache } from '../caches';
import { pointerOf, Segment } from '../path/segments';
import { arr, obj, Obj, str } from '../rules/context';
import { KIND_INFO } from '../schema/kinds';
import type { JsonValue, PathIndex, Span } from '../yaml/decode';
import { kindOf } from './check';
import type { AnalysedFile, AnalysedPart } from './documents';
import { namespaceOf } from './podSecurity';

export type NameKind = 'volume' | 'container' | 'port' | 'label';

export interface NameSite {
  kind: NameKind;
  name: string;
  role: 'definition' | 'reference';
  /** Which Pod spec (and container, for a port) the name belongs to: sites match within a scope. */
  scope: string;
  /** Where the name is written: a value, or a key (labels). */
  span: Span;
  /** The path of that value (or key's entry), from the document's root. */
  path: readonly Segment[];
  /** A label's value, written beside its key (a selector matches keys and values). */
  value?: string;
  /** For a Service's sites: the scopes it may point into (the Pod specs of its namespace in the file). */
  targets?: readonly string[];
}

/** One Pod spec of a document: where it is and what it declares. */
export interface PodSpecSite {
  /** The spec's path from the document's root: `spec` (a Pod), `spec.template.spec` (a Deployment). */
  specPath: readonly Segment[];
  /** The template's (or Pod's) path: where its metadata is. */
  podPath: readonly Segment[];
  scope: string;
  namespace: string;
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** Every container, whatever the version (a name is a name in any of them). */
export const EVERY_CONTAINER = { version: '1.35' };

const sitesOf = weakCache<AnalysedPart, { sites: NameSite[]; pods: PodSpecSite[] }>('names: sites per document');

/** Each document's own number, for its scopes: it stays with the document wherever the document moves in the file. */
let documents = 0;
const documentNumbers = weakCache<AnalysedPart, number>('names: document numbers');
const documentNumber = (part: AnalysedPart) => documentNumbers.get(part) ?? documentNumbers.set(part, ++documents);

/** The Pod spec a Pod or workload document carries, if it is one of ours. */
export function podSpecOf(part: AnalysedPart): PodSpecSite | undefined {
  if (part.class.kind !== 'object') return undefined;
  const podPath = KIND_INFO[kindOf(part)].template;
  const value = part.parsed.decoded?.value;
  return { specPath: [...podPath, 'spec'], podPath, scope: `${documentNumber(part)}:${podPath.join('.')}`, namespace: namespaceOf(value, 'default') };
}

/** The name sites of one document. */
export function documentSites(part: AnalysedPart): { sites: NameSite[]; pods: PodSpecSite[] } {
  const kept = sitesOf.get(part);
  if (kept) return kept;
  const out = { sites: [] as NameSite[], pods: [] as PodSpecSite[] };
  // Other documents are read only when they may be a Service.
  const decoded = part.class.kind === 'object' || SAYS_SERVICE.test(part.text) ? part.parsed.decoded : undefined;
  if (decoded) {
    const pod = podSpecOf(part);
    if (pod) {
      out.pods.push(pod);
      podSites(decoded.value, decoded.index, pod, part, out.sites);
    } else if (isService(decoded.value)) serviceSites(decoded.value, decoded.index, out.sites);
  }
  return sitesOf.set(part, out);
}

export const SAYS_SERVICE = /\bService\b/;
const isService = (v: JsonValue) => obj(v)?.kind === 'Service' && obj(v)?.apiVersion === 'v1';

/** A site of the file, with the document it is written in. */
export type FileSite = NameSite & { doc: number };

/** Every site of the file, a Service's pointed at the Pod specs of its namespace there. */
export function fileSites(file: AnalysedFile): { sites: FileSite[]; pods: (PodSpecSite & { doc: number })[] } {
  const sites: FileSite[] = [];
  const pods: (PodSpecSite & { doc: number })[] = [];
  const services: { doc: number; sites: NameSite[]; namespace: string }[] = [];
  file.parts.forEach((part, doc) => {
    const found = documentSites(part);
    for (const p of found.pods) pods.push({ ...p, doc });
    if (found.pods.length > 0) for (const s of found.sites) sites.push({ ...s, doc });
    else if (found.sites.length > 0) services.push({ doc, sites: found.sites, namespace: namespaceOf(part.parsed.decoded?.value, 'default') });
  });
  for (const svc of services) {
    const targets = pods.filter((p) => p.namespace === svc.namespace).map((p) => p.scope);
    for (const s of svc.sites) sites.push({ ...s, targets, doc: svc.doc });
  }
  return { sites, pods };
}

function site(
  index: PathIndex,
  path: readonly Segment[],
  kind: NameKind,
  role: NameSite['role'],
  scope: string,
  name: JsonValue | undefined,
  on: 'key' | 'value' = 'value',
): NameSite | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const entry = index.get(pointerOf(path));
  const span = on === 'key' ? entry?.key : entry?.value;
  return span ? { kind, name, role, scope, span, path } : undefined;
}

function push(out: NameSite[], s: NameSite | undefined): void {
  if (s) out.push(s);
}

function podSites(root: JsonValue, index: PathIndex, pod: PodSpecSite, part: AnalysedPart, out: NameSite[]): void {
  let podValue: JsonValue | undefined = root;
  for (const k of pod.podPath) podValue = obj(podValue)?.[k];
  const spec = obj(obj(podValue)?.spec);
  const meta = obj(obj(podValue)?.metadata);
  const { scope } = pod;
  const at = (...rest: Segment[]) => [...pod.specPath, ...rest];
  if (spec) {
    arr(spec.volumes).forEach((v, i) => push(out, site(index, at('volumes', i, 'name'), 'volume', 'definition', scope, obj(v)?.name)));
    for (const v of eachContainer(spec, EVERY_CONTAINER)) containerSites(index, v.c, [...pod.podPath, ...v.path.segments], scope, out);
    arr(spec.volumes).forEach((v, i) => downwardAPISites(index, obj(v), at('volumes', i), scope, out));
  }
  // A StatefulSet's claim templates are volumes of its Pods.
  const object = obj(root);
  if (object?.kind === 'StatefulSet') {
    arr(obj(object.spec)?.volumeClaimTemplates).forEach((t, i) =>
      push(out, site(index, ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'], 'volume', 'definition', scope, obj(obj(t)?.metadata)?.name)),
    );
  }
  const annotations = obj(meta?.annotations);
  if (annotations && Object.hasOwn(annotations, DEFAULT_CONTAINER_ANNOTATION)) {
    push(
      out,
      site(
        index,
        [...pod.podPath, 'metadata', 'annotations', DEFAULT_CONTAINER_ANNOTATION],
        'container',
        'reference',
        scope,
        annotations[DEFAULT_CONTAINER_ANNOTATION],
      ),
    );
  }
  const labels = obj(meta?.labels);
  for (const [k, v] of Object.entries(labels ?? {})) {
    const s = site(index, [...pod.podPath, 'metadata', 'labels', k], 'label', 'definition', scope, k, 'key');
    if (s) out.push({ ...s, value: str(v) });
  }
  selectorSites(index, root, part, scope, out);
}

function containerSites(index: PathIndex, c: Obj | undefined, path: readonly Segment[], scope: string, out: NameSite[]): void {
  if (!c) return;
  push(out, site(index, [...path, 'name'], 'container', 'definition', scope, c.name));
  const portScope = `${scope}/${path.slice(-2).join('/')}`;
  arr(c.ports).forEach((p, i) => push(out, site(index, [...path, 'ports', i, 'name'], 'port', 'definition', portScope, obj(p)?.name)));
  for (const probe of PROBES) {
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      push(out, site(index, [...path, probe, action, 'port'], 'port', 'reference', portScope, obj(obj(c[probe])?.[action])?.port));
    }
  }
  for (const h of LIFECYCLE_HANDLERS) {
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      push(out, site(index, [...path, 'lifecycle', h, action, 'port'], 'port', 'reference', portScope, obj(obj(obj(c.lifecycle)?.[h])?.[action])?.port));
    }
  }
  arr(c.volumeMounts).forEach((m, i) => push(out, site(index, [...path, 'volumeMounts', i, 'name'], 'volume', 'reference', scope, obj(m)?.name)));
  arr(c.volumeDevices).forEach((m, i) => push(out, site(index, [...path, 'volumeDevices', i, 'name'], 'volume', 'reference', scope, obj(m)?.name)));
  arr(c.env).forEach((e, i) => {
    const ref = obj(obj(obj(e)?.valueFrom)?.resourceFieldRef);
    push(out, site(index, [...path, 'env', i, 'valueFrom', 'resourceFieldRef', 'containerName'], 'container', 'reference', scope, ref?.containerName));
  });
}

/** resourceFieldRef.containerName in a downwardAPI volume, or a projected volume's downwardAPI source. */
function downwardAPISites(index: PathIndex, v: Obj | undefined, path: readonly Segment[], scope: string, out: NameSite[]): void {
  const items = (at: readonly Segment[], d: Obj | undefined) =>
    arr(d?.items).forEach((item, i) =>
      push(
        out,
        site(index, [...at, 'items', i, 'resourceFieldRef', 'containerName'], 'container', 'reference', scope, obj(obj(item)?.resourceFieldRef)?.containerName),
      ),
    );
  items([...path, 'downwardAPI'], obj(v?.downwardAPI));
  arr(obj(v?.projected)?.sources).forEach((s, i) => items([...path, 'projected', 'sources', i, 'downwardAPI'], obj(obj(s)?.downwardAPI)));
}

/** A workload's selector: its keys refer to its template's labels. */
function selectorSites(index: PathIndex, root: JsonValue, part: AnalysedPart, scope: string, out: NameSite[]): void {
  const kind = kindOf(part);
  if (kind === 'Pod' || kind === 'PodTemplate' || kind === 'Job' || kind === 'CronJob') return;
  const selector = obj(obj(obj(root)?.spec)?.selector);
  if (!selector) return;
  // A ReplicationController's selector is the map itself; the apps kinds' is a LabelSelector.
  const matchLabels = kind === 'ReplicationController' ? selector : obj(selector.matchLabels);
  const base = kind === 'ReplicationController' ? ['spec', 'selector'] : ['spec', 'selector', 'matchLabels'];
  for (const [k, v] of Object.entries(matchLabels ?? {})) {
    const s = site(index, [...base, k], 'label', 'reference', scope, k, 'key');
    if (s) out.push({ ...s, value: str(v) });
  }
  if (kind !== 'ReplicationController') {
    arr(selector.matchExpressions).forEach((e, i) =>
      push(out, site(index, ['spec', 'selector', 'matchExpressions', i, 'key'], 'label', 'reference', scope, obj(e)?.key)),
    );
  }
}

/** A Service's selector (labels of Pods) and named targetPorts (ports of their containers). */
function serviceSites(root: JsonValue, index: PathIndex, out: NameSite[]): void {
  const spec = obj(obj(root)?.spec);
  for (const [k, v] of Object.entries(obj(spec?.selector) ?? {})) {
    const s = site(index, ['spec', 'selector', k], 'label', 'reference', 'service', k, 'key');
    if (s) out.push({ ...s, value: str(v) });
  }
  arr(spec?.ports).forEach((p, i) => push(out, site(index, ['spec', 'ports', i, 'targetPort'], 'port', 'reference', 'service', obj(p)?.targetPort)));
}

/** Whether a reference points at a definition: same kind and name, in its scope (a Service's: any of its targets, a port any container's there). */
export function pointsAt(ref: NameSite, def: NameSite): boolean {
  if (ref.kind !== def.kind || ref.name !== def.name) return false;
  if (!ref.targets) return ref.scope === def.scope;
  return ref.targets.some((t) => def.scope === t || def.scope.startsWith(`${t}/`));
}

/** The site written at `offset` of document `doc`, if a name is there. */
export function siteAt(sites: readonly FileSite[], doc: number, offset: number): FileSite | undefined {
  return sites.find((s) => s.doc === doc && s.span.start <= offset && offset <= s.span.end);
}

/**
 * The sites that name the same thing as `site`: its definitions and every reference to them (a
 * reference without a definition: the references like it). Definitions first, then in text order.
 */
export function groupOf(site: FileSite, sites: readonly FileSite[]): FileSite[] {
  const defs = site.role === 'definition' ? [site] : sites.filter((d) => d.role === 'definition' && pointsAt(site, d));
  const refs = sites.filter(
    (r) =>
      r.role === 'reference' && (defs.length > 0 ? defs.some((d) => pointsAt(r, d)) : r.kind === site.kind && r.name === site.name && r.scope === site.scope),
  );
  const byPlace = (a: FileSite, b: FileSite) => a.doc - b.doc || a.span.start - b.span.start;
  return [...defs.sort(byPlace), ...refs.sort(byPlace)];
}
