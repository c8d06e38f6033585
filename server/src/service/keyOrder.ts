/**
 * The order Kubernetes users expect keys in (the order of the docs and of `kubectl create -o
 * yaml`), rather than the alphabetical order of the OpenAPI documents. Keys not named here
 * follow, alphabetically; deprecated ones come last.
 */
export const KEY_ORDER: Record<string, string[]> = {
  Pod: ['apiVersion', 'kind', 'metadata', 'spec'],
  ObjectMeta: ['name', 'namespace', 'labels', 'annotations', 'generateName'],
  PodSpec: [
    'containers',
    'initContainers',
    'volumes',
    'restartPolicy',
    'serviceAccountName',
    'nodeSelector',
    'affinity',
    'tolerations',
    'securityContext',
    'imagePullSecrets',
    'terminationGracePeriodSeconds',
    'priorityClassName',
    'hostNetwork',
    'dnsPolicy',
  ],
  Container: [
    'name',
    'image',
    'imagePullPolicy',
    'command',
    'args',
    'ports',
    'env',
    'envFrom',
    'resources',
    'volumeMounts',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'securityContext',
    'lifecycle',
    'workingDir',
  ],
  ContainerPort: ['containerPort', 'name', 'protocol', 'hostPort'],
  EnvVar: ['name', 'value', 'valueFrom'],
  EnvFromSource: ['configMapRef', 'secretRef', 'prefix'],
  VolumeMount: ['name', 'mountPath', 'readOnly', 'subPath'],
  Volume: ['name', 'configMap', 'secret', 'emptyDir', 'persistentVolumeClaim', 'hostPath', 'projected', 'downwardAPI', 'ephemeral', 'csi'],
  Probe: ['httpGet', 'exec', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'],
  ResourceRequirements: ['requests', 'limits'],
  HTTPGetAction: ['path', 'port', 'scheme', 'httpHeaders'],
  Toleration: ['key', 'operator', 'value', 'effect', 'tolerationSeconds'],
  SecurityContext: ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities', 'privileged'],
  PodSecurityContext: ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup', 'seccompProfile'],
  KeyToPath: ['key', 'path', 'mode'],
};
KEY_ORDER.EphemeralContainer = KEY_ORDER.Container;

// The workload kinds: the object, then its spec as the Kubernetes docs and examples write it.
for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']) KEY_ORDER[kind] = KEY_ORDER.Pod;
Object.assign(KEY_ORDER, {
  PodTemplate: ['apiVersion', 'kind', 'metadata', 'template'],
  PodTemplateSpec: ['metadata', 'spec'],
  JobTemplateSpec: ['metadata', 'spec'],
  DeploymentSpec: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused'],
  DeploymentStrategy: ['type', 'rollingUpdate'],
  RollingUpdateDeployment: ['maxSurge', 'maxUnavailable'],
  StatefulSetSpec: ['serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'minReadySeconds'],
  DaemonSetSpec: ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'],
  ReplicaSetSpec: ['replicas', 'selector', 'template', 'minReadySeconds'],
  ReplicationControllerSpec: ['replicas', 'selector', 'template', 'minReadySeconds'],
  JobSpec: ['template', 'completions', 'parallelism', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completionMode', 'suspend'],
  CronJobSpec: [
    'schedule',
    'timeZone',
    'jobTemplate',
    'concurrencyPolicy',
    'startingDeadlineSeconds',
    'successfulJobsHistoryLimit',
    'failedJobsHistoryLimit',
    'suspend',
  ],
  LabelSelector: ['matchLabels', 'matchExpressions'],
});

/** Keys a new list item gets filled in with (beyond the type's required keys). */
export const NEW_ITEM_KEYS: Record<string, string[]> = {
  Container: ['name', 'image'],
  EphemeralContainer: ['name', 'image'],
};

/** Keys that resources.limits / resources.requests take, for completion. */
export const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'];
