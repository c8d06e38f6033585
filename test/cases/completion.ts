/**
 * Completion cases shared by the core tests and the protocol tests: the same `|` cursor texts
 * must give the same items whether asked of the language service or of the server over LSP.
 * `first` is the expected start of the list, in order; `absent` must not be offered.
 */
export interface CompletionCase {
  name: string;
  text: string;
  first: string[];
  absent?: string[];
}

const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';

export const COMPLETION_CASES: CompletionCase[] = [
  {
    name: 'an empty document offers a minimal Pod, Deployment, StatefulSet, DaemonSet, Job and CronJob',
    text: '|',
    first: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'apiVersion', 'kind', 'metadata', 'spec'],
  },
  { name: 'top level, keys present left out', text: 'apiVersion: v1\nkind: Pod\n|\n', first: ['metadata', 'spec', 'status'] },
  { name: 'a new `- ` container item', text: head + 'spec:\n  containers:\n  - |\n', first: ['name', 'image', 'imagePullPolicy', 'command', 'args'] },
  {
    name: 'a partly typed key in a container',
    text: head + 'spec:\n  containers:\n  - name: a\n    res|\n',
    first: ['image', 'imagePullPolicy'],
    absent: ['name'],
  },
  {
    name: 'an empty line deep in a probe',
    text: head + 'spec:\n  containers:\n  - name: a\n    image: b\n    livenessProbe:\n      |\n',
    first: ['httpGet', 'exec', 'tcpSocket', 'grpc', 'initialDelaySeconds'],
  },
  {
    name: 'back at the PodSpec level after an indented list',
    text: head + 'spec:\n  containers:\n    - name: a\n      image: b\n  |\n',
    first: ['initContainers', 'volumes', 'restartPolicy'],
    absent: ['containers'],
  },
  {
    name: 'after an indentless container item, at its dash column: a new item or a PodSpec key',
    text: head + 'spec:\n  containers:\n  - name: a\n    image: b\n  |\n',
    first: ['- (new Container)', 'initContainers', 'volumes'],
  },
  { name: 'after `key:` with nothing below', text: head + 'spec:\n  securityContext:\n    |\n', first: ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup'] },
  { name: 'inside a flow map', text: head + 'spec: {containers: [{name: a, |}]}\n', first: ['image', 'imagePullPolicy'], absent: ['name'] },
  { name: 'enum values', text: head + 'spec:\n  dnsPolicy: |\n', first: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] },
  { name: 'booleans', text: head + 'spec:\n  containers:\n  - name: a\n    stdin: |\n', first: ['true', 'false'] },
  { name: 'apiVersion', text: 'apiVersion: |\n', first: ['v1'] },
  { name: 'kind', text: 'apiVersion: v1\nkind: |\n', first: ['Pod'] },
  { name: 'volume mount under a list key', text: head + 'spec:\n  containers:\n  - name: a\n    volumeMounts:\n      |\n', first: ['- (new VolumeMount)'] },
  { name: 'nothing in a CI workflow', text: 'name: CI\non: [push]\njobs:\n  |\n', first: [] },
];
