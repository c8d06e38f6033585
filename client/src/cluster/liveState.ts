/**
 * What a live object's state means for its YAML: a one-line summary (a Pod's phase, ready
 * containers and restarts; a Deployment's rollout; a Job's counts) and findings, each on the
 * field it is about, from the Pods' container states and the Warning events about the object, its
 * ReplicaSets or Jobs, and its Pods. Pure: the watches that feed it are objectWatch.ts's.
 *
 * Reasons are the kubelet's and the controllers' (pkg/kubelet/images, kuberuntime, prober,
 * volumemanager; the scheduler's FailedScheduling; the workload controllers' FailedCreate).
 */
import type { ClusterFinding } from '../../../protocol/messages';
import { type KubeObject, podTemplateOf } from './objectApi';

/** core/v1 Event, the fields read here. */
export interface KubeEvent extends KubeObject {
  involvedObject: { kind?: string; name?: string; uid?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
}

export interface LiveState {
  /** for the CodeLens: `Running, 2/2 ready, 0 restarts`; `3/3 updated, 3 ready, 3 available: rolled out` */
  summary: string;
  findings: ClusterFinding[];
  /** the names of its Pods */
  pods: string[];
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: Terminated; running?: unknown };
  lastState?: { terminated?: Terminated };
}
interface Terminated {
  exitCode?: number;
  reason?: string;
  message?: string;
}

const IMAGE_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
/** A Warning event's reason that a later Normal one on the same object answers. */
const SUPERSEDED_BY: Record<string, string[]> = {
  FailedCreate: ['SuccessfulCreate'],
  FailedScheduling: ['Scheduled'],
  FailedMount: ['Started', 'Pulled', 'Created'],
  FailedAttachVolume: ['SuccessfulAttachVolume', 'Started'],
};

/**
 * @param templatePath where the object's Pod template is (ManifestDocument.templatePath; empty for a Pod)
 * @param object the live object (undefined: not in the cluster)
 * @param manifest the object as applied (the document), to find which container asks for what
 * @param pods the Pods it owns, directly or through its ReplicaSets or Jobs
 * @param events the events about it, its ReplicaSets or Jobs, and those Pods
 */
export function liveState(
  kind: string,
  templatePath: string,
  object: KubeObject | undefined,
  manifest: KubeObject,
  pods: KubeObject[],
  events: KubeEvent[],
): LiveState {
  if (!object) return { summary: 'not in the cluster', findings: [], pods: [] };
  const prefix = templatePath ? `${templatePath}.` : '';
  const findings: ClusterFinding[] = [];
  const add = (f: ClusterFinding) => {
    const same = findings.find((x) => x.path === f.path && x.code === f.code);
    if (!same) findings.push(f);
  };
  const container = (list: string, name: string) => `${prefix}spec.${list}[name="${name}"]`;
  const live = new Set(pods.map((p) => p.metadata.uid));

  for (const pod of pods) {
    const status = pod.status ?? {};
    for (const [list, statuses] of [
      ['containers', status.containerStatuses],
      ['initContainers', status.initContainerStatuses],
    ] as const) {
      for (const cs of (statuses ?? []) as ContainerStatus[]) {
        const at = container(list, cs.name);
        const waiting = cs.state?.waiting;
        const of = `(Pod ${pod.metadata.name}, container "${cs.name}")`;
        if (waiting?.reason && IMAGE_REASONS.has(waiting.reason)) {
          add({
            path: `${at}.image`,
            code: waiting.reason,
            severity: 'error',
            message: `${waiting.reason}: ${waiting.message ?? 'the image cannot be pulled'} ${of}`,
          });
        }
        const last = cs.state?.terminated ?? cs.lastState?.terminated;
        if (last?.reason === 'OOMKilled') {
          add({
            path: `${at}.resources.limits.memory`,
            code: 'OOMKilled',
            severity: 'error',
            message: `OOMKilled: the container ran out of memory (exit code ${last.exitCode ?? 137}, ${cs.restartCount ?? 0} restarts) ${of}`,
          });
        } else if (waiting?.reason === 'CrashLoopBackOff') {
          const how = last
            ? `; last exit code ${last.exitCode ?? '?'}${last.reason ? ` (${last.reason})` : ''}${last.message ? `: ${tail(last.message)}` : ''}`
            : '';
          add({ path: `${at}.name`, code: 'CrashLoopBackOff', severity: 'error', message: `CrashLoopBackOff: back-off restarting the container${how} ${of}` });
        }
      }
    }
  }

  for (const e of events) {
    if (e.type !== 'Warning' || !e.reason) continue;
    if (superseded(e, events)) continue;
    // Events about a Pod that is gone are no longer true.
    if (e.involvedObject.kind === 'Pod' && e.involvedObject.uid && !live.has(e.involvedObject.uid)) continue;
    add(eventFinding(e, kind, prefix, podTemplateOf(manifest, templatePath)?.spec));
  }
  return { summary: summary(kind, object, pods), findings, pods: pods.map((p) => p.metadata.name).sort() };
}

function superseded(e: KubeEvent, events: KubeEvent[]): boolean {
  const later = SUPERSEDED_BY[e.reason ?? ''];
  if (!later) return false;
  const at = when(e);
  return events.some((x) => x.involvedObject.uid === e.involvedObject.uid && later.includes(x.reason ?? '') && when(x) >= at);
}

const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';

/** The field a Warning event is about. */
/** @param spec the Pod template's spec as applied: which container asks for what */
function eventFinding(e: KubeEvent, kind: string, prefix: string, spec: Record<string, any> | undefined): ClusterFinding {
  const reason = e.reason!;
  const message = `${reason}: ${e.message ?? ''}${e.involvedObject.kind === 'Pod' ? ` (Pod ${e.involvedObject.name})` : ''}`;
  const finding = (path: string): ClusterFinding => ({ path, code: reason, severity: 'warning', message });
  const containerOf = /spec\.(containers|initContainers)\{([^}]+)\}/.exec(e.involvedObject.fieldPath ?? '');
  if (reason === 'Unhealthy' && containerOf) {
    const probe = /^(Liveness|Readiness|Startup) probe/.exec(e.message ?? '')?.[1];
    const field = probe ? `.${probe.toLowerCase()}Probe` : '';
    return finding(`${prefix}spec.${containerOf[1]}[name="${containerOf[2]}"]${field}`);
  }
  if (reason === 'FailedMount' || reason === 'FailedAttachVolume') {
    const volume = /volume "([^"]+)"/.exec(e.message ?? '')?.[1];
    return finding(volume ? `${prefix}spec.volumes[name="${volume}"]` : `${prefix}spec.volumes`);
  }
  if (reason === 'FailedScheduling') return finding(schedulingPath(e.message ?? '', prefix, spec));
  if (reason === 'FailedCreate') {
    // A template that fails validation names the field: `spec.containers[0].image: Required value`.
    const named = /is invalid: (spec\.[\w.[\]]+):/.exec(e.message ?? '')?.[1];
    return finding(named ? `${prefix}${named}` : prefix.replace(/\.$/, ''));
  }
  if (containerOf) return finding(`${prefix}spec.${containerOf[1]}[name="${containerOf[2]}"]`);
  return { ...finding(''), message: `${kind === e.involvedObject.kind ? '' : `${e.involvedObject.kind} ${e.involvedObject.name}: `}${message}` };
}

/** The scheduler's reasons (`0/3 nodes are available: 3 Insufficient cpu.`) on the fields they name. */
function schedulingPath(message: string, prefix: string, spec: Record<string, any> | undefined): string {
  const resource = /Insufficient (cpu|memory|ephemeral-storage|[\w./-]+)/.exec(message)?.[1];
  if (resource) {
    const containers = (spec?.containers ?? []) as { name: string; resources?: { requests?: Record<string, unknown> } }[];
    const asking = containers.find((c) => c.resources?.requests?.[resource] !== undefined) ?? containers[0];
    return asking ? `${prefix}spec.containers[name="${asking.name}"].resources.requests.${resource}` : `${prefix}spec`;
  }
  if (/node selector|node affinity|affinity\/selector/i.test(message)) return `${prefix}spec.${spec?.nodeSelector ? 'nodeSelector' : 'affinity'}`;
  if (/taint/i.test(message)) return `${prefix}spec.tolerations`;
  return `${prefix}spec`;
}

/** The end of a termination message: what a crashing program said last. */
function tail(message: string): string {
  const text = message.trim().split('\n').slice(-3).join(' ');
  return text.length > 200 ? `…${text.slice(-200)}` : text;
}

function summary(kind: string, o: KubeObject, pods: KubeObject[]): string {
  const s = (o.status ?? {}) as Record<string, any>;
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  const current = n(o.metadata.generation) <= n(s.observedGeneration);
  switch (kind) {
    case 'Pod': {
      const statuses = (s.containerStatuses ?? []) as ContainerStatus[];
      const ready = statuses.filter((c) => c.ready).length;
      const restarts = statuses.reduce((t, c) => t + n(c.restartCount), 0);
      const waiting = statuses.map((c) => c.state?.waiting?.reason).find(Boolean);
      const total = ((o.spec?.containers ?? []) as unknown[]).length;
      return `${s.phase ?? 'Pending'}${waiting ? ` (${waiting})` : ''}, ${ready}/${total} ready, ${restarts} restart${restarts === 1 ? '' : 's'}`;
    }
    case 'Deployment': {
      const want = n(o.spec?.replicas ?? 1);
      const updated = n(s.updatedReplicas);
      const done = current && updated === want && n(s.replicas) === updated && n(s.availableReplicas) === updated;
      return `${updated}/${want} updated, ${n(s.readyReplicas)} ready, ${n(s.availableReplicas)} available: ${done ? 'rolled out' : 'rolling out…'}`;
    }
    case 'StatefulSet': {
      const want = n(o.spec?.replicas ?? 1);
      return `${n(s.readyReplicas)}/${want} ready, ${n(s.updatedReplicas)} updated${current && n(s.readyReplicas) === want ? ': rolled out' : ''}`;
    }
    case 'DaemonSet':
      return `${n(s.numberReady)}/${n(s.desiredNumberScheduled)} ready, ${n(s.updatedNumberScheduled)} updated, ${n(s.numberAvailable)} available`;
    case 'ReplicaSet':
    case 'ReplicationController':
      return `${n(s.readyReplicas)}/${n(o.spec?.replicas ?? 1)} ready, ${n(s.availableReplicas)} available`;
    case 'Job': {
      const conditions = (s.conditions ?? []) as { type: string; status: string }[];
      const end = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
      return `${n(s.active)} active, ${n(s.succeeded)} succeeded, ${n(s.failed)} failed${end ? `: ${end === 'Complete' ? 'complete' : 'failed'}` : ''}`;
    }
    case 'CronJob':
      return `${((s.active ?? []) as unknown[]).length} active Job(s)${s.lastScheduleTime ? `, last scheduled ${s.lastScheduleTime}` : ', not run yet'}, ${pods.length} Pod(s)`;
    default:
      return 'in the cluster';
  }
}
