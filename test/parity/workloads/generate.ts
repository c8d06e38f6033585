/**
 * Writes the workload parity corpus, test/parity/cases/workloads-<kind>.yaml: for each workload
 * kind Kubernetes 1.20 serves, valid documents of the shapes charts ship, then one document per
 * fault of the table below (each fault applied to a valid base document of that kind). Each
 * document's `# expect:` line is what the real v1.20.2 API server answers (annotate.ts), and a
 * `# fault:` line says what was broken and what we expected the server to say.
 *
 *   npx tsx test/parity/workloads/generate.ts          # needs the local cluster (test/cluster/README.md)
 *
 * At the end it prints the counts per kind and per fault, and the faults the server did not answer
 * as expected.
 *
 * Left out on purpose: fields the 1.20 schema does not have (Deployment rollbackTo, DaemonSet
 * templateGeneration and rollingUpdate.maxSurge, StatefulSet minReadySeconds, Job completionMode,
 * CronJob timeZone). 1.20 decodes leniently and drops them, so the server accepts; our validator
 * reports unknown fields as errors, as a strict-decoding server (1.25+) does, whatever the version.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { useCluster } from '../../cluster/helper';
import { CASES_DIR } from '../cases';
import { askServer, expectLine } from './annotate';

type J = any;
export type Kind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'ReplicationController' | 'PodTemplate';

interface KindInfo {
  apiVersion: string;
  file: string;
  /** name prefix of its documents */
  prefix: string;
  /** the Pod template's path in the object */
  template: string[];
}

export const KINDS: Record<Kind, KindInfo> = {
  Deployment: { apiVersion: 'apps/v1', file: 'workloads-deployment.yaml', prefix: 'deploy', template: ['spec', 'template'] },
  StatefulSet: { apiVersion: 'apps/v1', file: 'workloads-statefulset.yaml', prefix: 'sts', template: ['spec', 'template'] },
  DaemonSet: { apiVersion: 'apps/v1', file: 'workloads-daemonset.yaml', prefix: 'ds', template: ['spec', 'template'] },
  ReplicaSet: { apiVersion: 'apps/v1', file: 'workloads-replicaset.yaml', prefix: 'rs', template: ['spec', 'template'] },
  Job: { apiVersion: 'batch/v1', file: 'workloads-job.yaml', prefix: 'job', template: ['spec', 'template'] },
  CronJob: { apiVersion: 'batch/v1beta1', file: 'workloads-cronjob.yaml', prefix: 'cron', template: ['spec', 'jobTemplate', 'spec', 'template'] },
  ReplicationController: { apiVersion: 'v1', file: 'workloads-replicationcontroller.yaml', prefix: 'rc', template: ['spec', 'template'] },
  PodTemplate: { apiVersion: 'v1', file: 'workloads-podtemplate.yaml', prefix: 'podtpl', template: ['template'] },
};
const ALL = Object.keys(KINDS) as Kind[];
const APPS: Kind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];
const SELECTED: Kind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const JOBS: Kind[] = ['Job', 'CronJob'];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function object(kind: Kind, name: string, body: J, labels?: J): J {
  return { apiVersion: KINDS[kind].apiVersion, kind, metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, ...body };
}

// ---------------------------------------------------------------------------------------------
// The base documents the faults start from: one per kind, valid, with a container that has ports,
// env, resources, a probe and a mounted volume, so that each fault changes one thing.

function baseTemplate(kind: Kind, app: string): J {
  const container: J = {
    name: 'main',
    image: 'registry.example.com/team/app:1.4.2',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
  };
  const spec: J = { containers: [container], volumes: [{ name: 'config', configMap: { name: `${app}-config` } }] };
  if (kind === 'Job') spec.restartPolicy = 'Never';
  if (kind === 'CronJob') spec.restartPolicy = 'OnFailure';
  return { metadata: { labels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': 'server' } }, spec };
}

function baseDoc(kind: Kind, name: string): J {
  const app = KINDS[kind].prefix;
  const template = baseTemplate(kind, app);
  const match = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': 'server' };
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return object(kind, name, { spec: { replicas: 2, selector: { matchLabels: match }, template } });
    case 'StatefulSet':
      template.spec.containers[0].volumeMounts.push({ name: 'data', mountPath: '/var/lib/app' });
      return object(kind, name, {
        spec: {
          serviceName: `${app}-headless`,
          replicas: 3,
          selector: { matchLabels: match },
          template,
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      });
    case 'DaemonSet':
      return object(kind, name, { spec: { selector: { matchLabels: match }, template } });
    case 'Job':
      return object(kind, name, { spec: { backoffLimit: 4, template } });
    case 'CronJob':
      return object(kind, name, { spec: { schedule: '*/10 * * * *', jobTemplate: { spec: { template } } } });
    case 'ReplicationController':
      return object(kind, name, { spec: { replicas: 2, selector: match, template } });
    case 'PodTemplate':
      return object(kind, name, { template });
  }
}

function at(doc: J, path: string[]): J {
  return path.reduce((o, k) => o[k], doc);
}

// ---------------------------------------------------------------------------------------------
// Valid documents: the shapes real charts ship.

function probe(path: string, port: J, extra: J = {}): J {
  return { httpGet: { path, port }, ...extra };
}

function validDocs(kind: Kind): J[] {
  const p = KINDS[kind].prefix;
  const out: J[] = [];
  const labels = (app: string) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'prod' });
  const webContainer = (app: string): J => ({
    name: app,
    image: `docker.io/library/${app}:1.19.6`,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090 },
    ],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'password' } } },
      { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ],
    envFrom: [{ configMapRef: { name: `${app}-env` } }],
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    livenessProbe: probe('/livez', 'http', { initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 3 }),
    readinessProbe: probe('/readyz', 'http', { periodSeconds: 5, successThreshold: 2 }),
    startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 30, periodSeconds: 2 },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [
      { name: 'config', mountPath: '/etc/app', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  });
  const webSpec = (app: string): J => ({
    serviceAccountName: app,
    securityContext: { fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [webContainer(app)],
    volumes: [
      { name: 'config', configMap: { name: `${app}-config`, defaultMode: 0o444, items: [{ key: 'app.yaml', path: 'app.yaml' }] } },
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    ],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': app } } } },
        ],
      },
    },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { 'app.kubernetes.io/name': app } },
      },
    ],
    terminationGracePeriodSeconds: 45,
  });
  const minimal = (app: string, extra: J = {}): J => ({ containers: [{ name: app, image: `${app}:latest` }], ...extra });
  const tpl = (app: string, spec: J, annotations?: J): J => ({ metadata: { labels: labels(app), ...(annotations ? { annotations } : {}) }, spec });
  const sel = (app: string) => ({ matchLabels: labels(app) });

  switch (kind) {
    case 'Deployment':
      out.push(
        object(kind, `${p}-valid-web`, {
          spec: {
            replicas: 3,
            revisionHistoryLimit: 5,
            selector: sel('web'),
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
            template: tpl('web', webSpec('web'), { 'checksum/config': 'a1b2c3d4', 'prometheus.io/scrape': 'true' }),
          },
        }),
        object(kind, `${p}-valid-recreate-pvc`, {
          spec: {
            replicas: 1,
            selector: sel('grafana'),
            strategy: { type: 'Recreate' },
            template: tpl(
              'grafana',
              minimal('grafana', {
                securityContext: { runAsUser: 472, runAsGroup: 472, fsGroup: 472 },
                initContainers: [
                  {
                    name: 'init-chown-data',
                    image: 'busybox:1.32',
                    command: ['chown', '-R', '472:472', '/var/lib/grafana'],
                    volumeMounts: [{ name: 'storage', mountPath: '/var/lib/grafana' }],
                  },
                ],
                volumes: [{ name: 'storage', persistentVolumeClaim: { claimName: 'grafana' } }],
              }),
            ),
          },
        }),
        object(kind, `${p}-valid-expressions`, {
          spec: {
            replicas: 0,
            paused: true,
            minReadySeconds: 10,
            progressDeadlineSeconds: 300,
            selector: {
              matchExpressions: [
                { key: 'app', operator: 'In', values: ['api'] },
                { key: 'track', operator: 'NotIn', values: ['canary'] },
              ],
            },
            strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '50%' } },
            template: {
              metadata: { labels: { app: 'api', track: 'stable' } },
              spec: minimal('api', {
                nodeSelector: { 'kubernetes.io/os': 'linux' },
                tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'api', effect: 'NoSchedule' }],
                priorityClassName: 'high-priority',
                imagePullSecrets: [{ name: 'registry-credentials' }],
              }),
            },
          },
        }),
        object(kind, `${p}-valid-sidecar`, {
          spec: {
            selector: { matchLabels: { app: 'proxy' } },
            template: {
              metadata: { labels: { app: 'proxy', version: 'v2' } },
              spec: {
                shareProcessNamespace: true,
                containers: [
                  { name: 'app', image: 'example/app:2.0', ports: [{ containerPort: 3000 }] },
                  {
                    name: 'envoy',
                    image: 'envoyproxy/envoy:v1.16.2',
                    args: ['-c', '/etc/envoy/envoy.yaml'],
                    ports: [{ name: 'admin', containerPort: 9901 }],
                    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
                    volumeMounts: [{ name: 'envoy', mountPath: '/etc/envoy' }],
                  },
                ],
                volumes: [{ name: 'envoy', projected: { sources: [{ configMap: { name: 'envoy' } }, { secret: { name: 'envoy-certs' } }] } }],
              },
            },
          },
        }),
        object(kind, `${p}-valid-maxunavailable-100`, {
          spec: {
            replicas: 4,
            selector: sel('batch-api'),
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: '100%' } },
            template: tpl('batch-api', minimal('batch-api', { dnsPolicy: 'ClusterFirst', hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.internal'] }] })),
          },
        }),
        {
          apiVersion: 'apps/v1',
          kind,
          metadata: { generateName: `${p}-valid-generatename-`, namespace: 'default' },
          spec: { selector: sel('gen'), template: tpl('gen', minimal('gen')) },
        },
      );
      break;
    case 'StatefulSet':
      out.push(
        object(kind, `${p}-valid-postgres`, {
          spec: {
            serviceName: 'postgres-headless',
            replicas: 3,
            podManagementPolicy: 'OrderedReady',
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
            selector: sel('postgres'),
            template: tpl('postgres', {
              securityContext: { fsGroup: 1001 },
              containers: [
                {
                  name: 'postgresql',
                  image: 'docker.io/bitnami/postgresql:11.10.0',
                  ports: [{ name: 'tcp-postgresql', containerPort: 5432 }],
                  env: [{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres', key: 'postgresql-password' } } }],
                  livenessProbe: { exec: { command: ['/bin/sh', '-c', 'pg_isready -U postgres'] }, initialDelaySeconds: 30 },
                  resources: { requests: { cpu: '250m', memory: '256Mi' } },
                  volumeMounts: [{ name: 'data', mountPath: '/bitnami/postgresql' }],
                },
              ],
            }),
            volumeClaimTemplates: [
              {
                metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'postgres' } },
                spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '8Gi' } } },
              },
            ],
          },
        }),
        object(kind, `${p}-valid-parallel-ondelete`, {
          spec: {
            serviceName: 'kafka',
            replicas: 5,
            podManagementPolicy: 'Parallel',
            updateStrategy: { type: 'OnDelete' },
            revisionHistoryLimit: 3,
            selector: sel('kafka'),
            template: tpl('kafka', webSpec('kafka')),
          },
        }),
        object(kind, `${p}-valid-partition`, {
          spec: {
            serviceName: 'redis',
            replicas: 6,
            updateStrategy: { rollingUpdate: { partition: 3 } },
            selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
            template: { metadata: { labels: { app: 'redis' } }, spec: minimal('redis', { terminationGracePeriodSeconds: 0 }) },
            volumeClaimTemplates: [
              { metadata: { name: 'redis-data' }, spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: { requests: { storage: '500Mi' } } } },
            ],
          },
        }),
        object(kind, `${p}-valid-no-claims`, {
          spec: { serviceName: 'zk', replicas: 0, selector: sel('zk'), template: tpl('zk', minimal('zk', { hostname: 'ignored', subdomain: 'zk' })) },
        }),
      );
      break;
    case 'DaemonSet':
      out.push(
        object(kind, `${p}-valid-node-exporter`, {
          spec: {
            selector: sel('node-exporter'),
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
            template: tpl('node-exporter', {
              hostNetwork: true,
              hostPID: true,
              securityContext: { runAsNonRoot: true, runAsUser: 65534 },
              containers: [
                {
                  name: 'node-exporter',
                  image: 'quay.io/prometheus/node-exporter:v1.0.1',
                  args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys'],
                  ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }],
                  volumeMounts: [
                    { name: 'proc', mountPath: '/host/proc', readOnly: true },
                    { name: 'sys', mountPath: '/host/sys', readOnly: true, mountPropagation: 'HostToContainer' },
                  ],
                },
              ],
              tolerations: [{ operator: 'Exists' }],
              volumes: [
                { name: 'proc', hostPath: { path: '/proc' } },
                { name: 'sys', hostPath: { path: '/sys', type: 'Directory' } },
              ],
            }),
          },
        }),
        object(kind, `${p}-valid-fluentd-ondelete`, {
          spec: {
            selector: sel('fluentd'),
            updateStrategy: { type: 'OnDelete' },
            minReadySeconds: 5,
            revisionHistoryLimit: 2,
            template: tpl('fluentd', {
              priorityClassName: 'system-node-critical',
              containers: [
                {
                  name: 'fluentd',
                  image: 'fluent/fluentd-kubernetes-daemonset:v1.11',
                  resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
                  volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
                },
              ],
              tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
              volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
            }),
          },
        }),
        object(kind, `${p}-valid-percent`, {
          spec: {
            selector: sel('csi-node'),
            updateStrategy: { rollingUpdate: { maxUnavailable: '10%' } },
            template: tpl(
              'csi-node',
              minimal('csi-node', {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
                    },
                  },
                },
              }),
            ),
          },
        }),
        object(kind, `${p}-valid-minimal`, {
          spec: { selector: sel('kube-proxy'), template: tpl('kube-proxy', minimal('kube-proxy', { hostNetwork: true })) },
        }),
      );
      break;
    case 'ReplicaSet':
      out.push(
        object(kind, `${p}-valid-frontend`, {
          spec: { replicas: 3, minReadySeconds: 5, selector: sel('frontend'), template: tpl('frontend', webSpec('frontend')) },
        }),
        object(kind, `${p}-valid-expressions`, {
          spec: {
            replicas: 1,
            selector: { matchLabels: { tier: 'cache' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] },
            template: { metadata: { labels: { tier: 'cache', env: 'prod' } }, spec: minimal('memcached') },
          },
        }),
        object(kind, `${p}-valid-zero`, { spec: { replicas: 0, selector: sel('idle'), template: tpl('idle', minimal('idle')) } }),
      );
      break;
    case 'Job':
      out.push(
        object(kind, `${p}-valid-migrate`, {
          spec: {
            backoffLimit: 3,
            activeDeadlineSeconds: 600,
            template: {
              metadata: { annotations: { 'sidecar.istio.io/inject': 'false' } },
              spec: {
                restartPolicy: 'Never',
                containers: [
                  {
                    name: 'migrate',
                    image: 'migrate/migrate:v4.14.1',
                    args: ['-path', '/migrations', '-database', '$(DATABASE_URL)', 'up'],
                    env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }],
                    volumeMounts: [{ name: 'migrations', mountPath: '/migrations' }],
                  },
                ],
                volumes: [{ name: 'migrations', configMap: { name: 'migrations' } }],
              },
            },
          },
        }),
        object(kind, `${p}-valid-parallel`, {
          spec: {
            completions: 10,
            parallelism: 3,
            backoffLimit: 0,
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                activeDeadlineSeconds: 300,
                containers: [{ name: 'worker', image: 'example/worker:1.0', resources: { limits: { cpu: '1' } } }],
              },
            },
          },
        }),
        object(kind, `${p}-valid-manual-selector`, {
          spec: {
            manualSelector: true,
            selector: { matchLabels: { 'job-group': 'reindex' } },
            template: {
              metadata: { labels: { 'job-group': 'reindex' } },
              spec: { restartPolicy: 'Never', containers: [{ name: 'reindex', image: 'example/reindex:3' }] },
            },
          },
        }),
        object(kind, `${p}-valid-zero-parallelism`, {
          spec: {
            parallelism: 0,
            completions: 0,
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'noop', image: 'busybox:1.32', command: ['true'] }] } },
          },
        }),
        object(kind, `${p}-valid-manual-selector-false`, {
          spec: { manualSelector: false, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.32' }] } } },
        }),
      );
      break;
    case 'CronJob': {
      const jobTpl = (name: string, extra: J = {}): J => ({
        spec: {
          backoffLimit: 2,
          ...extra,
          template: { spec: { restartPolicy: 'OnFailure', containers: [{ name, image: 'bitnami/kubectl:1.20', command: ['/bin/sh', '-c', 'date'] }] } },
        },
      });
      out.push(
        object(kind, `${p}-valid-backup`, {
          spec: {
            schedule: '0 3 * * *',
            concurrencyPolicy: 'Forbid',
            startingDeadlineSeconds: 300,
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 1,
            jobTemplate: {
              metadata: { labels: { app: 'backup' } },
              spec: {
                activeDeadlineSeconds: 3600,
                template: {
                  metadata: { labels: { app: 'backup' } },
                  spec: {
                    restartPolicy: 'Never',
                    containers: [
                      {
                        name: 'backup',
                        image: 'example/pg-backup:2.1',
                        envFrom: [{ secretRef: { name: 'backup-s3' } }],
                        volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
                      },
                    ],
                    volumes: [{ name: 'scratch', emptyDir: {} }],
                  },
                },
              },
            },
          },
        }),
        object(kind, `${p}-valid-every-5-min`, { spec: { schedule: '*/5 * * * *', concurrencyPolicy: 'Replace', jobTemplate: jobTpl('poll') } }),
        object(kind, `${p}-valid-hourly`, { spec: { schedule: '@hourly', suspend: true, concurrencyPolicy: 'Allow', jobTemplate: jobTpl('hourly') } }),
        object(kind, `${p}-valid-weekdays`, {
          spec: { schedule: '30 8 * * 1-5', successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, jobTemplate: jobTpl('report') },
        }),
        object(kind, `${p}-valid-names`, { spec: { schedule: '0 0 1 JAN,JUL MON-FRI', jobTemplate: jobTpl('names', { parallelism: 2, completions: 4 }) } }),
        object(kind, `${p}-valid-list-range-step`, { spec: { schedule: '0,15,30,45 9-17/2 * * *', jobTemplate: jobTpl('steps') } }),
        object(kind, `${p}-valid-question-mark`, { spec: { schedule: '0 12 ? * SUN', jobTemplate: jobTpl('qm') } }),
        object(kind, `${p}-valid-never-fires`, { spec: { schedule: '0 0 30 2 *', jobTemplate: jobTpl('feb30') } }),
        object(kind, `${p}-${'a'.repeat(52 - p.length - 1)}`, { spec: { schedule: '@daily', jobTemplate: jobTpl('long') } }),
      );
      break;
    }
    case 'ReplicationController':
      out.push(
        object(kind, `${p}-valid-nginx`, {
          spec: { replicas: 3, minReadySeconds: 5, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: webSpec('nginx') } },
        }),
        object(kind, `${p}-valid-no-selector`, {
          spec: { replicas: 1, template: { metadata: { labels: { app: 'legacy', tier: 'backend' } }, spec: minimal('legacy') } },
        }),
        object(kind, `${p}-valid-subset-selector`, {
          spec: { selector: { app: 'redis' }, template: { metadata: { labels: { app: 'redis', role: 'primary' } }, spec: minimal('redis') } },
        }),
      );
      break;
    case 'PodTemplate':
      out.push(
        object(kind, `${p}-valid-web`, { template: tpl('web', webSpec('web')) }),
        object(kind, `${p}-valid-minimal`, { template: { spec: minimal('tool') } }),
        object(kind, `${p}-valid-never`, {
          template: { metadata: { labels: { role: 'batch' } }, spec: minimal('batch', { restartPolicy: 'Never', activeDeadlineSeconds: 120 }) },
        }),
      );
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The faults: each breaks exactly one thing of a valid base document.

interface Ctx {
  kind: Kind;
  /** the Pod template (`{metadata, spec}`) */
  t: J;
  /** the Pod template's spec */
  ps: J;
  /** its first container */
  c0: J;
}

interface Fault {
  id: string;
  what: string;
  kinds: Kind[];
  apply: (doc: J, x: Ctx) => void;
  /** what we expect the v1.20.2 server to answer, when not `reject` */
  expect?: (kind: Kind) => 'accept' | 'reject';
  /** document name when the fault is about the name */
  name?: (kind: Kind) => string;
}

/** ValidatePodTemplateSpec is not run over a StatefulSet's template in 1.20 (only its labels, annotations, restartPolicy, activeDeadlineSeconds). */
const stsAccepts = (kind: Kind) => (kind === 'StatefulSet' ? 'accept' : 'reject');

const templateFaults: Fault[] = [
  { id: 'container-name-upper', what: 'a container name with upper case', kinds: ALL, apply: (_, x) => (x.c0.name = 'Main'), expect: stsAccepts },
  { id: 'container-name-long', what: 'a container name of 64 characters', kinds: ALL, apply: (_, x) => (x.c0.name = 'c'.repeat(64)), expect: stsAccepts },
  { id: 'image-missing', what: 'no image', kinds: ALL, apply: (_, x) => delete x.c0.image, expect: stsAccepts },
  {
    id: 'image-blank',
    what: 'an image of spaces (1.20 only checks that it is not empty)',
    kinds: ALL,
    apply: (_, x) => (x.c0.image = '  '),
    expect: () => 'accept',
  },
  {
    id: 'container-name-duplicate',
    what: 'two containers of one name',
    kinds: ALL,
    apply: (_, x) => x.ps.containers.push({ name: 'main', image: 'busybox:1.32' }),
    expect: stsAccepts,
  },
  { id: 'containers-empty', what: 'no containers', kinds: ALL, apply: (_, x) => (x.ps.containers = []), expect: stsAccepts },
  { id: 'port-zero', what: 'containerPort 0', kinds: ALL, apply: (_, x) => (x.c0.ports[0].containerPort = 0), expect: stsAccepts },
  { id: 'port-too-big', what: 'containerPort 70000', kinds: ALL, apply: (_, x) => (x.c0.ports[0].containerPort = 70000), expect: stsAccepts },
  { id: 'port-name-long', what: 'a port name of 16 characters', kinds: ALL, apply: (_, x) => (x.c0.ports[0].name = 'http-metrics-abc'), expect: stsAccepts },
  { id: 'port-protocol-bad', what: 'protocol HTTP', kinds: ALL, apply: (_, x) => (x.c0.ports[0].protocol = 'HTTP'), expect: stsAccepts },
  {
    id: 'volume-name-upper',
    what: 'an (unmounted) volume named with upper case',
    kinds: ALL,
    apply: (_, x) => x.ps.volumes.push({ name: 'Scratch', emptyDir: {} }),
    expect: stsAccepts,
  },
  {
    id: 'volume-no-source',
    what: 'a volume with no source (v1 defaulting makes it an emptyDir)',
    kinds: ALL,
    apply: (_, x) => x.ps.volumes.push({ name: 'scratch' }),
    expect: () => 'accept',
  },
  {
    id: 'volume-two-sources',
    what: 'a volume with two sources',
    kinds: ALL,
    apply: (_, x) => x.ps.volumes.push({ name: 'scratch', emptyDir: {}, hostPath: { path: '/tmp' } }),
    expect: stsAccepts,
  },
  {
    id: 'volume-duplicate',
    what: 'two volumes of one name',
    kinds: ALL,
    apply: (_, x) => x.ps.volumes.push({ name: 'config', emptyDir: {} }),
    expect: stsAccepts,
  },
  {
    id: 'mount-unknown-volume',
    what: 'a volumeMount of no volume',
    kinds: ALL,
    apply: (_, x) => x.c0.volumeMounts.push({ name: 'missing', mountPath: '/missing' }),
    expect: stsAccepts,
  },
  {
    id: 'restart-policy',
    what: 'a restartPolicy the kind does not accept (OnFailure for the controllers, Always for Job and CronJob, Sometimes for a PodTemplate)',
    kinds: ALL,
    apply: (_, x) => (x.ps.restartPolicy = JOBS.includes(x.kind) ? 'Always' : x.kind === 'PodTemplate' ? 'Sometimes' : 'OnFailure'),
  },
  {
    id: 'restart-policy-never',
    what: 'restartPolicy Never in a controller that restarts its Pods',
    kinds: APPS,
    apply: (_, x) => (x.ps.restartPolicy = 'Never'),
  },
  {
    id: 'active-deadline',
    what: 'activeDeadlineSeconds: 600 in a controller (forbidden), 0 in a Job, CronJob or PodTemplate (must be positive)',
    kinds: ALL,
    apply: (_, x) => (x.ps.activeDeadlineSeconds = APPS.includes(x.kind) ? 600 : 0),
  },
  {
    id: 'ephemeral-containers',
    what: 'ephemeralContainers in the template (the EphemeralContainers gate is off in 1.20: the field is dropped)',
    kinds: ALL,
    apply: (_, x) => (x.ps.ephemeralContainers = [{ name: 'debugger', image: 'busybox:1.32', targetContainerName: 'main' }]),
    expect: () => 'accept',
  },
  {
    id: 'template-label-key',
    what: 'a template label key with a space',
    kinds: ALL,
    apply: (_, x) => (((x.t.metadata ??= {}).labels ??= {})['bad key'] = 'x'),
  },
  {
    id: 'template-label-value',
    what: 'a template label value with a space (not one the selector reads)',
    kinds: ALL,
    apply: (_, x) => (((x.t.metadata ??= {}).labels ??= {})['tier'] = 'front end'),
  },
  {
    id: 'template-annotation-key',
    what: 'a template annotation key with a space',
    kinds: ALL,
    apply: (_, x) => (((x.t.metadata ??= {}).annotations ??= {})['bad key'] = 'x'),
  },
  {
    id: 'requests-over-limits',
    what: 'cpu request above its limit',
    kinds: ALL,
    apply: (_, x) => (x.c0.resources.requests.cpu = '2'),
    expect: stsAccepts,
  },
  { id: 'memory-negative', what: 'a negative memory request', kinds: ALL, apply: (_, x) => (x.c0.resources.requests.memory = '-128Mi'), expect: stsAccepts },
  {
    id: 'probe-no-handler',
    what: 'a liveness probe with no handler',
    kinds: ALL,
    apply: (_, x) => (x.c0.livenessProbe = { periodSeconds: 10 }),
    expect: stsAccepts,
  },
  {
    id: 'liveness-success-threshold',
    what: 'a liveness probe with successThreshold 2',
    kinds: ALL,
    apply: (_, x) => (x.c0.livenessProbe = { tcpSocket: { port: 8080 }, successThreshold: 2 }),
    expect: stsAccepts,
  },
  {
    id: 'probe-port-name',
    what: 'a probe port name of no port',
    kinds: ALL,
    apply: (_, x) => (x.c0.readinessProbe.httpGet.port = 'Web_Port'),
    expect: stsAccepts,
  },
  {
    id: 'env-name',
    what: 'an env var name starting with a digit',
    kinds: ALL,
    apply: (_, x) => x.c0.env.push({ name: '1_BAD', value: 'x' }),
    expect: stsAccepts,
  },
  { id: 'pull-policy', what: 'imagePullPolicy Sometimes', kinds: ALL, apply: (_, x) => (x.c0.imagePullPolicy = 'Sometimes'), expect: stsAccepts },
  { id: 'dns-policy', what: 'dnsPolicy Cluster', kinds: ALL, apply: (_, x) => (x.ps.dnsPolicy = 'Cluster'), expect: stsAccepts },
  {
    id: 'toleration-operator',
    what: 'a toleration with operator Matches',
    kinds: ALL,
    apply: (_, x) => (x.ps.tolerations = [{ key: 'dedicated', operator: 'Matches', value: 'x', effect: 'NoSchedule' }]),
    expect: stsAccepts,
  },
  {
    id: 'node-affinity-operator',
    what: 'a node affinity expression with operator Like',
    kinds: ALL,
    apply: (_, x) =>
      (x.ps.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Like', values: ['a'] }] }] },
        },
      }),
    expect: stsAccepts,
  },
  { id: 'run-as-user-negative', what: 'runAsUser -1', kinds: ALL, apply: (_, x) => (x.ps.securityContext = { runAsUser: -1 }), expect: stsAccepts },
  {
    id: 'privileged-no-escalation',
    what: 'privileged with allowPrivilegeEscalation false',
    kinds: ALL,
    apply: (_, x) => (x.c0.securityContext = { privileged: true, allowPrivilegeEscalation: false }),
    expect: stsAccepts,
  },
  {
    id: 'host-port-mismatch',
    what: 'hostNetwork with a hostPort other than the containerPort',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'PodTemplate'],
    apply: (_, x) => {
      x.ps.hostNetwork = true;
      x.c0.ports[0].hostPort = 9999;
    },
    expect: stsAccepts,
  },
  {
    id: 'init-readiness-probe',
    what: 'an init container with a readiness probe',
    kinds: ['Deployment', 'StatefulSet', 'Job', 'PodTemplate'],
    apply: (_, x) => (x.ps.initContainers = [{ name: 'init', image: 'busybox:1.32', readinessProbe: { exec: { command: ['true'] } } }]),
    expect: stsAccepts,
  },
  {
    id: 'pvc-claim-missing',
    what: 'a persistentVolumeClaim volume with no claimName',
    kinds: ['Deployment', 'StatefulSet', 'PodTemplate'],
    apply: (_, x) => x.ps.volumes.push({ name: 'data2', persistentVolumeClaim: {} }),
    expect: stsAccepts,
  },
  {
    id: 'configmap-item-path',
    what: 'a configMap item path with ..',
    kinds: ['Deployment', 'StatefulSet', 'PodTemplate'],
    apply: (_, x) => (x.ps.volumes[0].configMap.items = [{ key: 'a', path: '../a' }]),
    expect: stsAccepts,
  },
  {
    id: 'hostpath-type',
    what: 'a hostPath volume of type Folder',
    kinds: ['DaemonSet', 'StatefulSet'],
    apply: (_, x) => x.ps.volumes.push({ name: 'host', hostPath: { path: '/var/log', type: 'Folder' } }),
    expect: stsAccepts,
  },
  {
    id: 'service-account-name',
    what: 'a serviceAccountName with upper case',
    kinds: ['Deployment', 'StatefulSet', 'Job'],
    apply: (_, x) => (x.ps.serviceAccountName = 'Default'),
    expect: stsAccepts,
  },
  {
    id: 'node-selector-label',
    what: 'a nodeSelector value with a space',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
    apply: (_, x) => (x.ps.nodeSelector = { 'kubernetes.io/os': 'linux os' }),
    expect: stsAccepts,
  },
];

/** Faults of one kind's own fields. */
function only(kind: Kind, faults: Omit<Fault, 'kinds'>[]): Fault[] {
  return faults.map((f) => ({ ...f, kinds: [kind] }));
}

const metadataFaults: Fault[] = [
  { id: 'name-upper', what: 'an object name with upper case', kinds: ALL, apply: () => {}, name: (k) => `${KINDS[k].prefix}-Upper-Name` },
  { id: 'name-underscore', what: 'an object name with an underscore', kinds: ALL, apply: () => {}, name: (k) => `${KINDS[k].prefix}_underscore` },
  {
    id: 'name-too-long',
    what: 'an object name of 254 characters',
    kinds: ALL,
    apply: () => {},
    name: (k) => `${KINDS[k].prefix}-name-too-long.` + 'a'.repeat(254 - KINDS[k].prefix.length - 15),
  },
  {
    id: 'name-64',
    what: 'an object name of 64 characters (a DNS subdomain; only CronJob limits it to 52, and Job makes it a label value)',
    kinds: ALL,
    apply: () => {},
    name: (k) => `${KINDS[k].prefix}-name-64-` + 'x'.repeat(64 - KINDS[k].prefix.length - 9),
    expect: (k) => (k === 'CronJob' || k === 'Job' ? 'reject' : 'accept'),
  },
  { id: 'name-missing', what: 'no name nor generateName', kinds: ['Deployment', 'Job', 'PodTemplate'], apply: (d) => delete d.metadata.name },
  { id: 'label-value', what: 'an object label value with a space', kinds: ALL, apply: (d) => (d.metadata.labels = { team: 'red team' }) },
  { id: 'annotation-key', what: 'an object annotation key with two slashes', kinds: ALL, apply: (d) => (d.metadata.annotations = { 'a/b/c': 'x' }) },
];

const selectorFaults: Fault[] = [
  {
    id: 'selector-missing',
    what: 'no selector',
    kinds: SELECTED,
    apply: (d) => delete d.spec.selector,
  },
  { id: 'selector-empty', what: 'an empty selector {}', kinds: SELECTED, apply: (d) => (d.spec.selector = {}) },
  {
    id: 'selector-mismatch',
    what: 'a selector that does not match the template labels',
    kinds: SELECTED,
    apply: (d) => (d.spec.selector.matchLabels['app.kubernetes.io/component'] = 'worker'),
  },
  {
    id: 'selector-operator',
    what: 'a selector expression with operator Includes',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
    apply: (d) => (d.spec.selector.matchExpressions = [{ key: 'app.kubernetes.io/component', operator: 'Includes', values: ['server'] }]),
  },
  {
    id: 'selector-in-no-values',
    what: 'a selector expression In with no values',
    kinds: ['Deployment', 'ReplicaSet'],
    apply: (d) => (d.spec.selector.matchExpressions = [{ key: 'app.kubernetes.io/component', operator: 'In', values: [] }]),
  },
  {
    id: 'selector-exists-values',
    what: 'a selector expression Exists with values',
    kinds: ['Deployment', 'DaemonSet'],
    apply: (d) => (d.spec.selector.matchExpressions = [{ key: 'app.kubernetes.io/component', operator: 'Exists', values: ['server'] }]),
  },
  {
    id: 'selector-label-value',
    what: 'a selector matchLabels value with a space (and the template label alike)',
    kinds: ['Deployment', 'ReplicaSet'],
    apply: (d, x) => {
      d.spec.selector.matchLabels['app.kubernetes.io/component'] = 'the server';
      x.t.metadata.labels['app.kubernetes.io/component'] = 'the server';
    },
  },
  {
    id: 'template-labels-missing',
    what: 'a template without labels',
    kinds: SELECTED,
    apply: (_, x) => delete x.t.metadata,
  },
  { id: 'template-missing', what: 'no template', kinds: SELECTED, apply: (d) => delete d.spec.template },
  {
    id: 'replicas-negative',
    what: 'replicas -1',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
    apply: (d) => (d.spec.replicas = -1),
  },
  {
    id: 'replicas-string',
    what: 'replicas "3" (a string: a decoding error, no causes)',
    kinds: ['Deployment', 'ReplicationController'],
    apply: (d) => (d.spec.replicas = '3'),
  },
  {
    id: 'min-ready-negative',
    what: 'minReadySeconds -1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    apply: (d) => (d.spec.minReadySeconds = -1),
  },
  {
    id: 'revision-history-negative',
    what: 'revisionHistoryLimit -1 (not checked for a StatefulSet in 1.20)',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
    apply: (d) => (d.spec.revisionHistoryLimit = -1),
    expect: stsAccepts,
  },
];

const deploymentFaults = only('Deployment', [
  { id: 'strategy-type', what: 'strategy type BlueGreen', apply: (d) => (d.spec.strategy = { type: 'BlueGreen' }) },
  { id: 'strategy-type-empty', what: 'strategy type "" (defaulted to RollingUpdate)', apply: (d) => (d.spec.strategy = { type: '' }), expect: () => 'accept' },
  {
    id: 'recreate-rolling-update',
    what: 'Recreate with rollingUpdate',
    apply: (d) => (d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }),
  },
  {
    id: 'surge-unavailable-zero',
    what: 'maxSurge 0 and maxUnavailable 0',
    apply: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
  },
  {
    id: 'surge-unavailable-zero-percent',
    what: 'maxSurge 0% and maxUnavailable 0%',
    apply: (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } }),
  },
  { id: 'unavailable-110', what: 'maxUnavailable 110%', apply: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } }) },
  {
    id: 'surge-200',
    what: 'maxSurge 200% (no upper bound on surge)',
    apply: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '200%' } }),
    expect: () => 'accept',
  },
  { id: 'surge-negative', what: 'maxSurge -1', apply: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: -1 } }) },
  { id: 'unavailable-negative-percent', what: 'maxUnavailable -10%', apply: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '-10%' } }) },
  { id: 'surge-not-percent', what: 'maxSurge "5" (a string without %)', apply: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '5' } }) },
  { id: 'surge-word', what: 'maxSurge "one"', apply: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 'one' } }) },
  {
    id: 'progress-deadline-equal',
    what: 'progressDeadlineSeconds equal to minReadySeconds',
    apply: (d) => Object.assign(d.spec, { minReadySeconds: 30, progressDeadlineSeconds: 30 }),
  },
  {
    id: 'progress-deadline-less',
    what: 'progressDeadlineSeconds below minReadySeconds',
    apply: (d) => Object.assign(d.spec, { minReadySeconds: 60, progressDeadlineSeconds: 30 }),
  },
  {
    id: 'progress-deadline-default',
    what: 'minReadySeconds 900 above the default progressDeadlineSeconds (600)',
    apply: (d) => (d.spec.minReadySeconds = 900),
  },
  { id: 'progress-deadline-zero', what: 'progressDeadlineSeconds 0', apply: (d) => (d.spec.progressDeadlineSeconds = 0) },
  { id: 'progress-deadline-negative', what: 'progressDeadlineSeconds -1', apply: (d) => (d.spec.progressDeadlineSeconds = -1) },
]);

const statefulSetFaults = only('StatefulSet', [
  { id: 'pod-management-policy', what: 'podManagementPolicy Random', apply: (d) => (d.spec.podManagementPolicy = 'Random') },
  { id: 'update-strategy-type', what: 'updateStrategy type Rolling', apply: (d) => (d.spec.updateStrategy = { type: 'Rolling' }) },
  {
    id: 'ondelete-rolling-update',
    what: 'OnDelete with rollingUpdate',
    apply: (d) => (d.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }),
  },
  {
    id: 'partition-negative',
    what: 'rollingUpdate partition -1',
    apply: (d) => (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
  },
  {
    id: 'partition-above-replicas',
    what: 'partition 10 with 3 replicas (allowed)',
    apply: (d) => (d.spec.updateStrategy = { rollingUpdate: { partition: 10 } }),
    expect: () => 'accept',
  },
  { id: 'service-name-missing', what: 'no serviceName', apply: (d) => delete d.spec.serviceName, expect: () => 'accept' },
  { id: 'claim-name-upper', what: 'a volumeClaimTemplate named with upper case', apply: (d) => (d.spec.volumeClaimTemplates[0].metadata.name = 'Data') },
  {
    id: 'claim-access-modes-missing',
    what: 'a volumeClaimTemplate with no accessModes',
    apply: (d) => delete d.spec.volumeClaimTemplates[0].spec.accessModes,
  },
  {
    id: 'claim-access-mode-bad',
    what: 'a volumeClaimTemplate with accessMode ReadWriteSometimes',
    apply: (d) => (d.spec.volumeClaimTemplates[0].spec.accessModes = ['ReadWriteSometimes']),
  },
  {
    id: 'claim-storage-missing',
    what: 'a volumeClaimTemplate with no storage request',
    apply: (d) => (d.spec.volumeClaimTemplates[0].spec.resources = {}),
  },
  {
    id: 'claim-storage-zero',
    what: 'a volumeClaimTemplate requesting 0 storage',
    apply: (d) => (d.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '0'),
  },
  {
    id: 'claim-name-duplicate',
    what: 'two volumeClaimTemplates of one name',
    apply: (d) => d.spec.volumeClaimTemplates.push(clone(d.spec.volumeClaimTemplates[0])),
  },
  {
    id: 'claim-label-value',
    what: 'a volumeClaimTemplate label value with a space',
    apply: (d) => (d.spec.volumeClaimTemplates[0].metadata.labels = { team: 'red team' }),
  },
]).map((f) => (f.id.startsWith('claim-') ? { ...f, what: `${f.what} (volumeClaimTemplates are not checked in 1.20)`, expect: () => 'accept' as const } : f));

const daemonSetFaults = only('DaemonSet', [
  { id: 'update-strategy-type', what: 'updateStrategy type Rolling', apply: (d) => (d.spec.updateStrategy = { type: 'Rolling' }) },
  { id: 'unavailable-zero', what: 'maxUnavailable 0', apply: (d) => (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }) },
  { id: 'unavailable-zero-percent', what: 'maxUnavailable 0%', apply: (d) => (d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '0%' } }) },
  { id: 'unavailable-110', what: 'maxUnavailable 110%', apply: (d) => (d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '110%' } }) },
  { id: 'unavailable-word', what: 'maxUnavailable "all"', apply: (d) => (d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 'all' } }) },
  { id: 'unavailable-negative', what: 'maxUnavailable -1', apply: (d) => (d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: -1 } }) },
  {
    id: 'ondelete-rolling-update',
    what: 'OnDelete with rollingUpdate (not forbidden for a DaemonSet, unlike a Deployment or StatefulSet)',
    apply: (d) => (d.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: 0 } }),
    expect: () => 'accept',
  },
]);

const jobFaults: Fault[] = [
  { id: 'parallelism-negative', what: 'parallelism -1', kinds: JOBS, apply: (d, x) => (jobSpec(d, x).parallelism = -1) },
  { id: 'completions-negative', what: 'completions -1', kinds: JOBS, apply: (d, x) => (jobSpec(d, x).completions = -1) },
  { id: 'backoff-limit-negative', what: 'backoffLimit -1', kinds: JOBS, apply: (d, x) => (jobSpec(d, x).backoffLimit = -1) },
  {
    id: 'active-deadline-zero',
    what: "the Job's activeDeadlineSeconds 0 (1.20 rejects only negative values; the Pod template's must be positive)",
    kinds: JOBS,
    apply: (d, x) => (jobSpec(d, x).activeDeadlineSeconds = 0),
    expect: () => 'accept',
  },
  { id: 'active-deadline-negative', what: 'the Job activeDeadlineSeconds -10', kinds: ['Job'], apply: (d, x) => (jobSpec(d, x).activeDeadlineSeconds = -10) },
  {
    id: 'ttl-negative',
    what: "ttlSecondsAfterFinished -1 (TTLAfterFinished is alpha in 1.20: dropped from a Job, but not from a CronJob's jobTemplate)",
    kinds: JOBS,
    apply: (d, x) => (jobSpec(d, x).ttlSecondsAfterFinished = -1),
    expect: (k) => (k === 'Job' ? 'accept' : 'reject'),
  },
  {
    id: 'restart-policy-default',
    what: 'no restartPolicy (defaulted to Always)',
    kinds: JOBS,
    apply: (_, x) => delete x.ps.restartPolicy,
  },
  {
    id: 'backoff-limit-string',
    what: 'backoffLimit "6" (a string: a decoding error, no causes)',
    kinds: ['Job'],
    apply: (d, x) => (jobSpec(d, x).backoffLimit = '6'),
  },
  {
    id: 'selector-without-manual',
    what: 'a selector without manualSelector',
    kinds: ['Job'],
    apply: (d, x) => {
      d.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'job' } };
      void x;
    },
  },
  { id: 'manual-selector-missing', what: 'manualSelector true with no selector', kinds: ['Job'], apply: (d) => (d.spec.manualSelector = true) },
  {
    id: 'manual-selector-mismatch',
    what: 'manualSelector with a selector that does not match the template labels',
    kinds: ['Job'],
    apply: (d) => Object.assign(d.spec, { manualSelector: true, selector: { matchLabels: { 'app.kubernetes.io/name': 'other' } } }),
  },
  {
    id: 'manual-selector-empty',
    what: 'manualSelector with an empty selector {} (allowed for a Job: it matches everything)',
    kinds: ['Job'],
    apply: (d) => Object.assign(d.spec, { manualSelector: true, selector: {} }),
    expect: () => 'accept',
  },
  {
    id: 'manual-selector-operator',
    what: 'manualSelector with a selector expression of operator Has',
    kinds: ['Job'],
    apply: (d) => Object.assign(d.spec, { manualSelector: true, selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Has' }] } }),
  },
  {
    id: 'template-selector',
    what: 'a selector in the jobTemplate',
    kinds: ['CronJob'],
    apply: (d) => (d.spec.jobTemplate.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'cron' } }),
  },
  {
    id: 'template-manual-selector',
    what: 'manualSelector true in the jobTemplate',
    kinds: ['CronJob'],
    apply: (d) => (d.spec.jobTemplate.spec.manualSelector = true),
  },
  {
    id: 'job-template-label',
    what: "a jobTemplate label value with a space (the jobTemplate's metadata is not checked in 1.20)",
    kinds: ['CronJob'],
    apply: (d) => (d.spec.jobTemplate.metadata = { labels: { team: 'red team' } }),
    expect: () => 'accept',
  },
];

function jobSpec(d: J, x: Ctx): J {
  return x.kind === 'CronJob' ? d.spec.jobTemplate.spec : d.spec;
}

const schedules: [string, string, 'accept' | 'reject'][] = [
  ['schedule-empty', '', 'reject'],
  ['schedule-four-fields', '* * * *', 'reject'],
  ['schedule-six-fields', '0 * * * * *', 'reject'],
  ['schedule-minute-60', '60 * * * *', 'reject'],
  ['schedule-hour-24', '0 24 * * *', 'reject'],
  ['schedule-dom-zero', '0 0 0 * *', 'reject'],
  ['schedule-dom-32', '0 0 32 * *', 'reject'],
  ['schedule-month-13', '0 0 1 13 *', 'reject'],
  ['schedule-dow-7', '0 0 * * 7', 'reject'],
  ['schedule-dow-8', '0 0 * * 8', 'reject'],
  ['schedule-range-backwards', '0 17-9 * * *', 'reject'],
  ['schedule-step-zero', '*/0 * * * *', 'reject'],
  ['schedule-step-missing', '*/ * * * *', 'reject'],
  ['schedule-letters', 'abc * * * *', 'reject'],
  ['schedule-month-name-bad', '0 0 1 JANUARY *', 'reject'],
  ['schedule-dow-name-bad', '0 0 * * MONDAY', 'reject'],
  ['schedule-negative', '-5 * * * *', 'reject'],
  ['schedule-descriptor-bad', '@fortnightly', 'reject'],
  ['schedule-reboot', '@reboot', 'reject'],
  ['schedule-every', '@every 5m', 'accept'],
  ['schedule-every-bad', '@every 5 minutes', 'reject'],
  ['schedule-tz-prefix', 'TZ=UTC 0 0 * * *', 'reject'],
  ['schedule-l-last-day', '0 0 L * *', 'reject'],
  ['schedule-hash', '0 0 * * 1#2', 'reject'],
  // robfig/cron splits a field with strings.FieldsFunc: the empty item is dropped
  ['schedule-comma-trailing', '0,15, * * * *', 'accept'],
  ['schedule-question-minute', '? * * * *', 'accept'],
  ['schedule-tab-separated', '0\t0 * * *', 'accept'],
];

const cronJobFaults: Fault[] = [
  ...schedules.map(([id, schedule, expect]): Fault => ({
    id,
    what: `schedule ${JSON.stringify(schedule)}`,
    kinds: ['CronJob'],
    apply: (d) => (d.spec.schedule = schedule),
    expect: () => expect,
  })),
  { id: 'schedule-missing', what: 'no schedule', kinds: ['CronJob'], apply: (d) => delete d.spec.schedule },
  { id: 'concurrency-policy', what: 'concurrencyPolicy Sometimes', kinds: ['CronJob'], apply: (d) => (d.spec.concurrencyPolicy = 'Sometimes') },
  { id: 'concurrency-policy-lower', what: 'concurrencyPolicy forbid (lower case)', kinds: ['CronJob'], apply: (d) => (d.spec.concurrencyPolicy = 'forbid') },
  { id: 'successful-history-negative', what: 'successfulJobsHistoryLimit -1', kinds: ['CronJob'], apply: (d) => (d.spec.successfulJobsHistoryLimit = -1) },
  { id: 'failed-history-negative', what: 'failedJobsHistoryLimit -1', kinds: ['CronJob'], apply: (d) => (d.spec.failedJobsHistoryLimit = -1) },
  { id: 'starting-deadline-negative', what: 'startingDeadlineSeconds -1', kinds: ['CronJob'], apply: (d) => (d.spec.startingDeadlineSeconds = -1) },
  {
    id: 'starting-deadline-zero',
    what: 'startingDeadlineSeconds 0',
    kinds: ['CronJob'],
    apply: (d) => (d.spec.startingDeadlineSeconds = 0),
    expect: () => 'accept',
  },
  { id: 'job-template-missing', what: 'no jobTemplate', kinds: ['CronJob'], apply: (d) => delete d.spec.jobTemplate },
  {
    id: 'name-53',
    what: 'a name of 53 characters (the controller appends 11)',
    kinds: ['CronJob'],
    apply: () => {},
    name: () => `cron-name-53-${'b'.repeat(53 - 13)}`,
  },
];

const rcFaults = only('ReplicationController', [
  {
    id: 'selector-mismatch',
    what: 'a selector that does not match the template labels',
    apply: (d) => (d.spec.selector['app.kubernetes.io/component'] = 'worker'),
  },
  { id: 'selector-defaulted', what: 'no selector (defaulted from the template labels)', apply: (d) => delete d.spec.selector, expect: () => 'accept' },
  { id: 'selector-empty', what: 'an empty selector {} (defaulted from the template labels)', apply: (d) => (d.spec.selector = {}), expect: () => 'accept' },
  {
    id: 'selector-and-labels-missing',
    what: 'no selector and a template without labels',
    apply: (d, x) => {
      delete d.spec.selector;
      delete x.t.metadata;
    },
  },
  { id: 'template-missing', what: 'no template', apply: (d) => delete d.spec.template },
  { id: 'template-labels-missing', what: 'a template without labels (the selector set)', apply: (_, x) => delete x.t.metadata },
  {
    id: 'selector-label-key',
    what: 'a selector key with a space (and the template label alike)',
    apply: (d, x) => {
      d.spec.selector['bad key'] = 'x';
      x.t.metadata.labels['bad key'] = 'x';
    },
  },
  { id: 'replicas-missing', what: 'no replicas (defaulted to 1)', apply: (d) => delete d.spec.replicas, expect: () => 'accept' },
]);

const podTemplateFaults = only('PodTemplate', [
  { id: 'template-missing', what: 'no template', apply: (d) => delete d.template, expect: () => 'reject' },
  { id: 'template-spec-missing', what: 'a template with no spec', apply: (d) => delete d.template.spec },
  {
    id: 'template-generate-name',
    what: 'a template metadata.generateName that is not a name (not checked)',
    apply: (_, x) => (x.t.metadata.generateName = 'Not_A_Name'),
    expect: () => 'accept',
  },
  {
    id: 'template-namespace',
    what: 'a template metadata.namespace of another namespace (not checked)',
    apply: (_, x) => (x.t.metadata.namespace = 'kube-system'),
    expect: () => 'accept',
  },
  {
    id: 'termination-grace-negative',
    what: 'terminationGracePeriodSeconds -1',
    apply: (_, x) => (x.ps.terminationGracePeriodSeconds = -1),
    expect: () => 'accept',
  },
  { id: 'host-aliases-ip', what: 'a hostAlias with a host name for ip', apply: (_, x) => (x.ps.hostAliases = [{ ip: 'db.local', hostnames: ['db'] }]) },
]);

const FAULTS: Fault[] = [
  ...metadataFaults,
  ...selectorFaults,
  ...deploymentFaults,
  ...statefulSetFaults,
  ...daemonSetFaults,
  ...jobFaults,
  ...cronJobFaults,
  ...rcFaults,
  ...podTemplateFaults,
  ...templateFaults,
];

// ---------------------------------------------------------------------------------------------

export interface Generated {
  kind: Kind;
  name: string;
  fault?: Fault;
  doc: J;
}

export function generate(): Generated[] {
  const out: Generated[] = [];
  for (const kind of ALL) {
    for (const doc of validDocs(kind)) out.push({ kind, name: doc.metadata.name ?? doc.metadata.generateName, doc });
    for (const fault of FAULTS.filter((f) => f.kinds.includes(kind))) {
      const name = fault.name?.(kind) ?? `${KINDS[kind].prefix}-${fault.id}`;
      const doc = baseDoc(kind, name);
      const t = at(doc, KINDS[kind].template);
      fault.apply(doc, { kind, t, ps: t.spec, c0: t.spec.containers[0] });
      out.push({ kind, name, fault, doc });
    }
  }
  const seen = new Set<string>();
  for (const g of out) {
    if (seen.has(g.name)) throw new Error(`two documents named ${g.name}`);
    seen.add(g.name);
    checkYaml11(g.doc, g.name);
  }
  return out;
}

/** The server reads YAML 1.1: y, n, yes, no, on, off are booleans there (and we print YAML 1.2): keep such strings out. */
function checkYaml11(v: J, where: string): void {
  if (typeof v === 'string' && /^(y|n|yes|no|on|off)$/i.test(v)) throw new Error(`${where}: the string ${v} reads as a boolean in YAML 1.1`);
  if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      checkYaml11(k, where);
      checkYaml11(x, where);
    }
}

function intent(g: Generated): 'accept' | 'reject' {
  return g.fault ? (g.fault.expect?.(g.kind) ?? 'reject') : 'accept';
}

async function main(): Promise<void> {
  const generated = generate();
  const cluster = await useCluster();
  const surprises: string[] = [];
  const files = new Map<Kind, string[]>();
  const counts = new Map<Kind, { valid: number; faults: number; accept: number; reject: number }>();
  const perFault = new Map<string, { accept: Kind[]; reject: Kind[] }>();
  try {
    for (const g of generated) {
      const body = stringify(g.doc, { lineWidth: 0 });
      const verdict = await askServer(cluster, g.name, body);
      const want = intent(g);
      if (verdict.verdict !== want) surprises.push(`${g.kind} ${g.name}: expected ${want}, the server ${verdict.verdict} ${verdict.messages.join(' | ')}`);
      const head = g.fault ? `# fault: ${g.fault.id}: ${g.fault.what}\n` : `# valid${g.doc.metadata.name ? '' : ' (generateName: no name of its own)'}\n`;
      const list = files.get(g.kind) ?? [];
      list.push(`---\n${head}${expectLine(verdict)}\n${body}`);
      files.set(g.kind, list);
      if (g.fault) {
        const f = perFault.get(g.fault.id) ?? { accept: [], reject: [] };
        f[verdict.verdict].push(g.kind);
        perFault.set(g.fault.id, f);
      }
      const c = counts.get(g.kind) ?? { valid: 0, faults: 0, accept: 0, reject: 0 };
      c[g.fault ? 'faults' : 'valid']++;
      c[verdict.verdict]++;
      counts.set(g.kind, c);
    }
  } finally {
    cluster.release();
  }
  for (const [kind, docs] of files) {
    const info = KINDS[kind];
    const header =
      `# Workload parity cases: ${kind} (${info.apiVersion}). Written by test/parity/workloads/generate.ts; the\n` +
      `# expect lines are what kube-apiserver v1.20.2 answers to a dry-run create (annotate.ts). Edit the generator, not this file.\n`;
    writeFileSync(join(CASES_DIR, info.file), header + docs.join(''));
  }
  let total = 0;
  for (const [kind, c] of counts) {
    total += c.valid + c.faults;
    console.log(
      `${kind.padEnd(22)} ${String(c.valid + c.faults).padStart(4)} documents: ${c.valid} valid, ${c.faults} faults; server: ${c.accept} accept, ${c.reject} reject`,
    );
  }
  console.log(`${total} workload documents\n\nper fault: documents (kinds the server accepts it for)`);
  for (const [id, f] of perFault)
    console.log(`  ${id.padEnd(30)} ${String(f.accept.length + f.reject.length).padStart(2)}${f.accept.length ? `  (accepted: ${f.accept.join(', ')})` : ''}`);
  if (surprises.length) console.log(`answers other than expected (${surprises.length}):\n  ${surprises.join('\n  ')}`);
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
