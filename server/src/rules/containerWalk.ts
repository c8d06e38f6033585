/**
 * The Pod's containers: their kinds, the path of each, and the one walk over all of them
 * (podshelper.VisitContainersWithPath, pkg/api/pod/util.go: init containers, containers, then
 * ephemeral containers).
 *
 * Ephemeral containers count from 1.23 only. Until then the EphemeralContainers gate is alpha
 * (off): dropDisabledFields (pkg/api/pod/util.go) drops spec.ephemeralContainers before
 * validation, and AllFeatureEnabledContainers leaves them out of every walk. Beta (on) in 1.23,
 * GA in 1.25.
 */
import { arr, atLeast, obj, Obj, RuleContext } from './context';
import { FieldPath } from '../path/fieldPath';
import { weakCache } from '../caches';
import type { JsonValue } from '../yaml/decode';

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

/** Whether the server sees this kind of container in this version at all. */
export const containerKindEnabled = (kind: ContainerKind, ctx: RuleContext) => kind !== 'ephemeralContainers' || atLeast(ctx, '1.23');

/**
 * `spec.<kind>[i]`, one object per place: rules visit every container on every run, and the memo
 * (memo.ts) recognises an unmoved container by its path's identity.
 */
const SPEC = FieldPath.root('spec');
const ITEM_PATHS: Record<ContainerKind, FieldPath[]> = { containers: [], initContainers: [], ephemeralContainers: [] };
const LIST_PATHS: Record<ContainerKind, FieldPath> = {
  containers: SPEC.child('containers'),
  initContainers: SPEC.child('initContainers'),
  ephemeralContainers: SPEC.child('ephemeralContainers'),
};

export function containerPath(kind: ContainerKind, i: number): FieldPath {
  const paths = ITEM_PATHS[kind];
  for (let n = paths.length; n <= i; n++) paths.push(LIST_PATHS[kind].index(n));
  return paths[i];
}

export interface VisitedContainer {
  c: Obj;
  path: FieldPath;
  kind: ContainerKind;
}

const VISIT_ORDER: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The three lists of containers, in the order they are visited (a path names one by its list). */
export const CONTAINER_LISTS: readonly ContainerKind[] = VISIT_ORDER;

/** A container's probes, and its lifecycle's handlers: where its named ports are used. */
export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const;

/**
 * Each list's visited containers, by the decoded list: an edit outside the containers keeps the
 * lists, and a dozen rules walk all 200 of them per keystroke without making a visit each.
 */
const visits = weakCache<readonly JsonValue[], Record<ContainerKind, readonly VisitedContainer[] | undefined>>('rules: visited containers per list');

function visitsOf(list: readonly JsonValue[], kind: ContainerKind): readonly VisitedContainer[] {
  let byKind = visits.get(list);
  if (!byKind) byKind = visits.set(list, { containers: undefined, initContainers: undefined, ephemeralContainers: undefined });
  let out = byKind[kind];
  if (!out) {
    const made: VisitedContainer[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = obj(list[i]);
      if (c) made.push({ c, path: containerPath(kind, i), kind });
    }
    out = byKind[kind] = made;
  }
  return out;
}

/** VisitContainersWithPath: every container the server sees in this version, in its order. */
export function eachContainer(spec: Obj, ctx: RuleContext): readonly VisitedContainer[] {
  let out: readonly VisitedContainer[] = [];
  for (const kind of VISIT_ORDER) {
    if (!containerKindEnabled(kind, ctx)) continue;
    const list = arr(spec[kind]);
    if (list.length === 0) continue;
    const visited = visitsOf(list, kind);
    out = out.length === 0 ? visited : out.concat(visited);
  }
  return out;
}
