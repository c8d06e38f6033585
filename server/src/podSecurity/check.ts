/**
 * What a Pod Security check is (k8s.io/pod-security-admission, package policy, checks.go): an ID,
 * the level it belongs to and its revisions, each in force from a policy version on. A revision
 * reads the Pod's metadata and spec as the admission plugin does (the decoded JSON, through the
 * guards of rules/context.ts) and returns the server's reason and detail, plus where each fault is
 * written: `findings`, each with the detail the server would give for that fault alone.
 */
import type { Segment } from '../path/segments';
import { goStr, obj, Obj } from '../rules/context';
import { eachContainer, VisitedContainer } from '../rules/containerWalk';

export type Level = 'privileged' | 'baseline' | 'restricted';

/** The Pod (or a workload's template) as the checks see it. */
export interface PodView {
  metadata: Obj;
  spec: Obj;
  /**
   * The server gives a port of a `hostNetwork` Pod its containerPort as hostPort when it has none
   * (SetDefaults_PodSpec, pkg/apis/core/v1/defaults.go) before admission sees it: always for a
   * Pod; for a template, until 1.28 (then behind DefaultHostNetworkHostPortsInPodTemplates, off).
   */
  hostNetworkPortDefaults?: boolean;
}

export interface Finding {
  /** The field at fault, or (a required setting) the field that is missing, from the Pod's root. */
  path: readonly Segment[];
  on: 'key' | 'value';
  /** The server's detail for this fault alone (`container "app" must set …`). */
  detail: string;
  /** The container the finding is about, for the quick fixes; absent for the Pod's own fields. */
  container?: readonly Segment[];
}

/** A failed check: the server's ForbiddenReason and ForbiddenDetail, and where each fault is. */
export interface CheckFailure {
  reason: string;
  detail: string;
  findings: Finding[];
}

export type CheckPod = (pod: PodView) => CheckFailure | undefined;

export interface Revision {
  /** The first policy version (1.<since>) this revision applies to. */
  since: number;
  check: CheckPod;
  /** Baseline checks this (restricted) revision replaces. */
  overrides?: readonly string[];
}

export interface Check {
  /** The library's check ID: `allowPrivilegeEscalation`, `capabilities_restricted`, … */
  id: string;
  level: 'baseline' | 'restricted';
  revisions: readonly Revision[];
}

/** helpers.go pluralize */
export const pluralize = (singular: string, plural: string, count: number) => (count === 1 ? singular : plural);

/** helpers.go joinQuote */
export const joinQuote = (items: readonly string[]) => (items.length === 0 ? '' : `"${items.join('", "')}"`);

/** `container "a"` / `containers "a", "b"`, the way every check names its containers. */
export const containersNamed = (names: readonly string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

/** sets.NewString(…).List(): distinct, in byte order. */
export const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort();

/** Go's %q for the annotation values the checks quote. */
export const goQuote = (s: string) => JSON.stringify(s);

/** Where the Pod's security context is, and a container's (from the container's path). */
export const POD_SECURITY_CONTEXT: readonly Segment[] = ['spec', 'securityContext'];
export const securityContextAt = (container: readonly Segment[]) => [...container, 'securityContext'];

/** `pod and containers "a", "b"`: the setters a check names, the Pod first. */
export function setters(pod: boolean, containers: readonly string[]): string {
  const out: string[] = pod ? ['pod'] : [];
  if (containers.length > 0) out.push(containersNamed(containers));
  return out.join(' and ');
}

/** visitor.go visitContainers: init containers, containers, then ephemeral containers, whatever the version. */
export const podContainers = (spec: Obj): readonly VisitedContainer[] => eachContainer(spec, ALL_CONTAINER_KINDS);
const ALL_CONTAINER_KINDS = { version: '1.35' };

/** helpers.go relaxPolicyForUserNamespacePod: the Pod runs in a user namespace (`hostUsers: false`). */
export const inUserNamespace = (spec: Obj) => spec.hostUsers === false;

/** The 1.25 revisions' exemption: Windows Pods cannot set these Linux-only fields (validation refuses them). */
export const windowsPod = (spec: Obj) => obj(spec.os)?.name === 'windows';

export const securityContextOf = (o: Obj): Obj | undefined => obj(o.securityContext);
export const nameOf = (c: Obj) => goStr(c.name);
