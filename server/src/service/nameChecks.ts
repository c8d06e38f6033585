/**
 * What the API server does not check about names that point at names, and what then fails later:
 * a probe or lifecycle handler on a named port the container does not declare (accepted; the
 * kubelet cannot resolve it, kubernetes issue 139283), a default-container annotation or a
 * resourceFieldRef naming no container, a Service in the file whose selector matches none of the
 * file's Pods, or whose targetPort names a port none of them declares. Warnings, each with why.
 */
import { eachContainer, LIFECYCLE_HANDLERS, PROBES } from '../rules/containerWalk';
import type { Segment } from '../path/segments';
import { weakCache } from '../caches';
import type { AnalysedPart } from './documents';
import { pointerOf } from '../path/segments';
import { arr, obj, Obj, str } from '../rules/context';
import { KIND_INFO } from '../schema/kinds';
import type { JsonValue, PathIndex } from '../yaml/decode';
import { kindOf } from './check';
import { DEFAULT_CONTAINER_ANNOTATION, EVERY_CONTAINER, fileSites, NameSite, PodSpecSite } from './nameGraph';
import type { Problem } from './problems';

type Sites = ReturnType<typeof fileSites>;

function warning(site: NameSite, code: Problem['code'], message: string): Problem {
  return { code, severity: 'warning', message, span: site.span, path: undefined };
}

const podProblems = weakCache<AnalysedPart, Problem[]>('names: problems per document');

/**
 * The name problems of a Pod or workload document: its own names only, so kept with its text.
 * Read straight off the decoded value (this runs on every keystroke; the name graph is built for
 * the requests that need it): only a fault is located.
 */
export function podNameProblems(part: AnalysedPart): Problem[] {
  const kept = podProblems.get(part);
  if (kept) return kept;
  const problems: Problem[] = [];
  const decoded = part.class.kind === 'object' ? part.parsed.decoded : undefined;
  if (decoded) {
    const podPath = KIND_INFO[kindOf(part)].template;
    let pod: JsonValue | undefined = decoded.value;
    for (const k of podPath) pod = obj(pod)?.[k];
    const spec = obj(obj(pod)?.spec);
    if (spec) checkPod(decoded.index, spec, obj(obj(pod)?.metadata), [...podPath], problems);
  }
  return podProblems.set(part, problems);
}

interface ContainerNames {
  /** Named ports its probes and handlers use that it does not declare, from the container. */
  ports: { rel: Segment[]; port: string; what: string }[];
  declared: string[];
  /** Its env's resourceFieldRef container names, from the container. */
  containerRefs: { rel: Segment[]; name: string }[];
}

/**
 * What one container names, kept with its decoded object: an edit elsewhere keeps the container's
 * object, and 200 containers are not read again on every keystroke. Paths are from the container.
 */
const containerNames = weakCache<Obj, ContainerNames>('names: per container');

function namesOf(c: Obj): ContainerNames {
  const kept = containerNames.get(c);
  if (kept) return kept;
  const declared = arr(c.ports).flatMap((p) => (typeof obj(p)?.name === 'string' ? [obj(p)!.name as string] : []));
  const out: ContainerNames = { ports: [], declared, containerRefs: [] };
  const look = (handler: Obj | undefined, rel: Segment[], what: string) => {
    if (!handler) return;
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      const port = obj(handler[action])?.port;
      if (typeof port === 'string' && port !== '' && !declared.includes(port)) out.ports.push({ rel: [...rel, action, 'port'], port, what });
    }
  };
  for (const p of PROBES) look(obj(c[p]), [p], 'the probe fails');
  const lifecycle = obj(c.lifecycle);
  for (const h of LIFECYCLE_HANDLERS) look(obj(lifecycle?.[h]), ['lifecycle', h], 'the hook fails');
  arr(c.env).forEach((e, j) => {
    const name = str(obj(obj(obj(e)?.valueFrom)?.resourceFieldRef)?.containerName);
    if (name) out.containerRefs.push({ rel: ['env', j, 'valueFrom', 'resourceFieldRef', 'containerName'], name });
  });
  return containerNames.set(c, out);
}

function checkPod(index: PathIndex, spec: Obj, meta: Obj | undefined, podPath: Segment[], problems: Problem[]): void {
  const at = (path: readonly Segment[]) => index.get(pointerOf(path))?.value;
  const containers: string[] = [];
  const visited = eachContainer(spec, EVERY_CONTAINER);
  for (const v of visited) if (typeof v.c.name === 'string') containers.push(v.c.name);
  const quotedContainers = containers.map((n) => `"${n}"`);
  const knownContainers = quotedContainers.length ? ` (the containers: ${quotedContainers.join(', ')})` : '';
  const noContainer = (name: string, path: readonly Segment[], why: string) => {
    const span = at(path);
    if (span)
      problems.push({
        code: 'unresolved-name',
        severity: 'warning',
        message: `No container is named "${name}"${knownContainers}: the API server accepts it, but ${why}`,
        span,
      });
  };
  const named = str(obj(meta?.annotations)?.[DEFAULT_CONTAINER_ANNOTATION]);
  if (named && !containers.includes(named)) {
    noContainer(named, [...podPath, 'metadata', 'annotations', DEFAULT_CONTAINER_ANNOTATION], 'kubectl ignores the annotation and picks the first container');
  }
  const specAt = [...podPath, 'spec'];
  const refWhy = 'the kubelet cannot resolve this resourceFieldRef and the container does not start';
  for (const { c, path } of visited) {
    const names = namesOf(c);
    if (names.ports.length === 0 && names.containerRefs.length === 0) continue;
    const cAt = [...podPath, ...path.segments];
    for (const f of names.ports) {
      const span = at([...cAt, ...f.rel]);
      const declared = names.declared.map((n) => `"${n}"`);
      const container = typeof c.name === 'string' ? `Container "${c.name}"` : 'The container';
      const message = `${container} declares no port named "${f.port}"${declared.length ? ` (its ports: ${declared.join(', ')})` : ''}: the API server accepts it, but the kubelet cannot resolve it and ${f.what}`;
      if (span) problems.push({ code: 'unresolved-name', severity: 'warning', message, span });
    }
    for (const r of names.containerRefs) if (!containers.includes(r.name)) noContainer(r.name, [...cAt, ...r.rel], refWhy);
  }
  arr(spec.volumes).forEach((v, i) => {
    const volume = obj(v);
    const items = (at: readonly Segment[], d: Obj | undefined) =>
      arr(d?.items).forEach((item, j) => {
        const name = str(obj(obj(item)?.resourceFieldRef)?.containerName);
        if (name && !containers.includes(name)) noContainer(name, [...at, 'items', j, 'resourceFieldRef', 'containerName'], refWhy);
      });
    items([...specAt, 'volumes', i, 'downwardAPI'], obj(volume?.downwardAPI));
    arr(obj(volume?.projected)?.sources).forEach((s, j) =>
      items([...specAt, 'volumes', i, 'projected', 'sources', j, 'downwardAPI'], obj(obj(s)?.downwardAPI)),
    );
  });
  problems.sort((a, b) => a.span.start - b.span.start);
}

/** A Service's selector and named targetPorts against the file's Pods of its namespace. */
export function serviceNameProblems(sites: Sites, doc: number): Problem[] {
  const own = sites.sites.filter((s) => s.doc === doc && s.targets);
  const selector = own.filter((s) => s.kind === 'label');
  if (own.length === 0 || own[0].targets!.length === 0) return [];
  const pods = sites.pods.filter((p) => own[0].targets!.includes(p.scope));
  const labelsOf = (pod: PodSpecSite) =>
    new Map(sites.sites.filter((s) => s.kind === 'label' && s.role === 'definition' && s.scope === pod.scope).map((s) => [s.name, s.value]));
  const selected = selector.length === 0 ? [] : pods.filter((p) => selector.every((s) => labelsOf(p).get(s.name) === s.value));
  const problems: Problem[] = [];
  // Said where the file has the workloads the Service is for: a bare Pod beside a Service is often a
  // test of the Service alone.
  const templates = pods.filter((p) => p.podPath.length > 0);
  if (selector.length > 0 && selected.length === 0 && templates.length > 0) {
    const text = selector.map((s) => `${s.name}=${s.value ?? ''}`).join(',');
    problems.push(
      warning(
        selector[0],
        'selects-nothing',
        `This Service selects ${text}: no Pod template of this file has these labels (${templates.length} in its namespace), so it has no endpoints from them`,
      ),
    );
  }
  const selectedScopes = new Set(selected.map((p) => p.scope));
  for (const ref of own) {
    if (ref.kind !== 'port' || selected.length === 0) continue;
    const found = sites.sites.some(
      (d) => d.kind === 'port' && d.role === 'definition' && d.name === ref.name && [...selectedScopes].some((s) => d.scope.startsWith(`${s}/`)),
    );
    if (!found)
      problems.push(
        warning(
          ref,
          'unresolved-name',
          `No container of the Pods this Service selects declares a port named "${ref.name}": the Service has no endpoints on this port`,
        ),
      );
  }
  return problems;
}
