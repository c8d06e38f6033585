/**
 * The names that fit a value or a key, for completion: a volumeMount's volume, a probe's or
 * handler's named port (the container's own), the default-container annotation's and a
 * resourceFieldRef's container, the paths a fieldRef takes, the resources a resourceFieldRef
 * takes; and in a selector the template's labels (and in the template's labels the selector's).
 */
import { CONTAINER_LISTS } from '../rules/containerWalk';
import type { Segment } from '../path/segments';
import { envFieldPaths, RESOURCE_FIELD_PATHS, VOLUME_FIELD_PATHS } from '../rules/downwardAPI';
import { compareVersions } from '../schema/versions';
import type { AnalysedPart } from './documents';
import { DEFAULT_CONTAINER_ANNOTATION, documentSites, NameSite } from './nameGraph';

const isPortRef = (s: readonly Segment[]) =>
  s[s.length - 1] === 'port' && (s[s.length - 2] === 'httpGet' || s[s.length - 2] === 'tcpSocket') && !s.includes('ports');

/** The names (or paths) a value at `segments` may take, in the order they are defined; undefined: none of these. */
export function valueNames(part: AnalysedPart, segments: readonly Segment[], version: string): string[] | undefined {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (last === 'fieldPath' && parent === 'fieldRef') return segments.includes('env') ? envFieldPaths({ version }) : VOLUME_FIELD_PATHS;
  if (last === 'resource' && parent === 'resourceFieldRef') {
    const hugePages =
      compareVersions(version, '1.22') >= 0 ? ['limits.hugepages-2Mi', 'requests.hugepages-2Mi', 'limits.hugepages-1Gi', 'requests.hugepages-1Gi'] : [];
    return [...RESOURCE_FIELD_PATHS, ...hugePages];
  }
  // (A document has one Pod spec: its volumes and containers are those.)
  const { sites } = documentSites(part);
  const defs = (kind: NameSite['kind'], inScope: (s: NameSite) => boolean = () => true) =>
    unique(sites.filter((s) => s.kind === kind && s.role === 'definition' && inScope(s)).map((s) => s.name));
  if (last === 'name' && (segments[segments.length - 3] === 'volumeMounts' || segments[segments.length - 3] === 'volumeDevices')) return defs('volume');
  if ((last === 'containerName' && parent === 'resourceFieldRef') || (last === DEFAULT_CONTAINER_ANNOTATION && parent === 'annotations'))
    return defs('container');
  if (isPortRef(segments)) {
    const c = segments.findIndex((s) => (CONTAINER_LISTS as readonly Segment[]).includes(s));
    if (c < 0) return undefined;
    const container = segments.slice(0, c + 2).join('/');
    return defs('port', (s) => s.path.slice(0, c + 2).join('/') === container);
  }
  return undefined;
}

/** The labels that fit under a selector's matchLabels (the template's) or the template's labels (the selector's), with their values. */
export function labelKeys(part: AnalysedPart, segments: readonly Segment[]): [string, string][] | undefined {
  const { sites } = documentSites(part);
  const path = segments.join('/');
  const labels = (role: NameSite['role']) =>
    sites.filter((s) => s.kind === 'label' && s.role === role && s.value !== undefined).map((s): [string, string] => [s.name, s.value!]);
  if (path === 'spec/selector/matchLabels' || (path === 'spec/selector' && part.parsed.decoded && isReplicationController(part))) return labels('definition');
  if (segments[segments.length - 1] === 'labels' && segments[segments.length - 2] === 'metadata' && segments.length > 2) return labels('reference');
  return undefined;
}

const isReplicationController = (part: AnalysedPart) => part.class.kind === 'object' && part.class.type === 'ReplicationController';

const unique = (names: string[]) => [...new Set(names)];
