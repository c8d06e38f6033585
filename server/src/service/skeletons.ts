/**
 * What an empty document offers: a minimal object of each kind people write most, as a snippet
 * (tab stops for the names and the image). Each is what the API server accepts as it is.
 */
const CONTAINER = ['    spec:', '      containers:', '      - name: ${3:app}', '        image: ${4:nginx}'];

/** The selector and labelled template every apps/v1 workload needs. */
const selected = (apiVersion: string, kind: string, name: string, extra: string[] = []) => [
  `apiVersion: ${apiVersion}`,
  `kind: ${kind}`,
  'metadata:',
  `  name: \${1:${name}}`,
  'spec:',
  ...extra,
  '  selector:',
  '    matchLabels:',
  '      app: ${2:' + name + '}',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: ${2:' + name + '}',
  ...CONTAINER,
];

export interface Skeleton {
  kind: string;
  detail: string;
  snippet: string;
}

export const SKELETONS: readonly Skeleton[] = [
  {
    kind: 'Pod',
    detail: 'A minimal Pod: one container',
    snippet: ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: ${1:my-pod}', 'spec:', '  containers:', '  - name: ${2:app}', '    image: ${3:nginx}'].join(
      '\n',
    ),
  },
  {
    kind: 'Deployment',
    detail: 'A minimal Deployment: one replica of one container',
    snippet: selected('apps/v1', 'Deployment', 'my-app', ['  replicas: 1']).join('\n'),
  },
  {
    kind: 'StatefulSet',
    detail: 'A minimal StatefulSet: one replica of one container',
    snippet: selected('apps/v1', 'StatefulSet', 'my-db', ['  serviceName: ${5:my-db}', '  replicas: 1']).join('\n'),
  },
  { kind: 'DaemonSet', detail: 'A minimal DaemonSet: one container on every node', snippet: selected('apps/v1', 'DaemonSet', 'my-agent').join('\n') },
  {
    kind: 'Job',
    detail: 'A minimal Job: one container, run to completion',
    snippet: [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: ${1:my-job}',
      'spec:',
      '  template:',
      ...CONTAINER.map((l) => l.replace('${3:app}', '${2:app}').replace('${4:nginx}', '${3:busybox}')),
      '      restartPolicy: ${4|Never,OnFailure|}',
    ].join('\n'),
  },
  {
    kind: 'CronJob',
    detail: 'A minimal CronJob: one container, on a schedule',
    snippet: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: ${1:my-cron-job}',
      'spec:',
      '  schedule: "${2:*/5 * * * *}"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '          - name: ${3:app}',
      '            image: ${4:busybox}',
      '          restartPolicy: ${5|Never,OnFailure|}',
    ].join('\n'),
  },
];
