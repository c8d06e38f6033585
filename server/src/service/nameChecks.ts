/**
 * What the API server does not check about names that point at names, and what then fails later:
 * a probe or lifecycle handler on a named port the container does not declare (accepted; the
 * kubelet cannot resolve it, kubernetes issue 139283), a default-container annotation or a
 * resourceFieldRef naming no container, a Service in the file whose selector matches none of the
 * file's Pods, or whose targetPort names a port none of them declares. Warnings, each with why.
 */
import type { Segment } from '../path/segments';
import { FileSite, fileSites, pointsAt, PodSpecSite } from './nameGraph';
import type { Problem } from './problems';

type Sites = ReturnType<typeof fileSites>;

const isProbe = (path: readonly Segment[]) => path.some((s) => s === 'livenessProbe' || s === 'readinessProbe' || s === 'startupProbe');
/** The path of the container a path is in (up to its index). */
const containerPath = (path: readonly Segment[]) => {
  const i = path.findIndex((s) => s === 'containers' || s === 'initContainers' || s === 'ephemeralContainers');
  return i < 0 ? '' : path.slice(0, i + 2).join('/');
};

function warning(site: FileSite, code: Problem['code'], message: string): Problem {
  return { code, severity: 'warning', message, span: site.span, path: undefined };
}

/** The name problems of document `doc` of the file. */
export function nameProblems(sites: Sites, doc: number): Problem[] {
  const problems: Problem[] = [];
  const defs = sites.sites.filter((s) => s.role === 'definition');
  const defined = (ref: FileSite) => defs.some((d) => pointsAt(ref, d));
  const containerNames = (scope: string) => defs.filter((d) => d.kind === 'container' && d.scope === scope).map((d) => d.name);
  for (const ref of sites.sites) {
    if (ref.doc !== doc || ref.role !== 'reference') continue;
    if (ref.kind === 'port' && !ref.targets && !defined(ref)) {
      const declared = defs.filter((d) => d.kind === 'port' && d.scope === ref.scope).map((d) => `"${d.name}"`);
      const what = isProbe(ref.path) ? 'the probe fails' : 'the hook fails';
      const own = defs.find((d) => d.kind === 'container' && d.doc === ref.doc && containerPath(d.path) === containerPath(ref.path));
      const container = own ? `Container "${own.name}"` : 'The container';
      problems.push(
        warning(
          ref,
          'unresolved-name',
          `${container} declares no port named "${ref.name}"${declared.length ? ` (its ports: ${declared.join(', ')})` : ''}: the API server accepts it, but the kubelet cannot resolve it and ${what}`,
        ),
      );
    } else if (ref.kind === 'container' && !defined(ref)) {
      const names = containerNames(ref.scope).map((n) => `"${n}"`);
      const known = names.length ? ` (the containers: ${names.join(', ')})` : '';
      const why = ref.path.includes('annotations')
        ? 'kubectl ignores the annotation and picks the first container'
        : 'the kubelet cannot resolve this resourceFieldRef and the container does not start';
      problems.push(warning(ref, 'unresolved-name', `No container is named "${ref.name}"${known}: the API server accepts it, but ${why}`));
    }
  }
  problems.push(...serviceProblems(sites, doc));
  return problems;
}

/** A Service's selector and named targetPorts against the file's Pods of its namespace. */
function serviceProblems(sites: Sites, doc: number): Problem[] {
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
