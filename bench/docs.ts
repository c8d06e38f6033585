/**
 * The benchmark's documents, generated deterministically: the same text on every run and machine.
 */

export interface Planted {
  /** Zero-based line of the planted error. */
  line: number;
  what: string;
}

const HEADER = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
  labels:
    app: bench
    tier: backend
spec:
  restartPolicy: Always
  volumes:
    - name: data
      emptyDir: {}
  containers:
`;

/** One container, 32 lines. */
function container(i: number): string {
  return `    - name: c${i}
      image: registry.example.com/team/app-${i}:1.${i}.0
      imagePullPolicy: IfNotPresent
      command: ["/bin/app"]
      args:
        - --port=${8000 + i}
        - --verbose
      ports:
        - name: http
          containerPort: ${8000 + i}
          protocol: TCP
      env:
        - name: MODE
          value: production
        - name: INDEX
          value: "${i}"
      resources:
        requests:
          cpu: 100m
          memory: 128Mi
        limits:
          cpu: 500m
          memory: 256Mi
      readinessProbe:
        httpGet:
          path: /healthz
          port: ${8000 + i}
        initialDelaySeconds: 5
        periodSeconds: 10
      volumeMounts:
        - name: data
          mountPath: /data
`;
}

/** A smaller container for the 500-Pod file, 17 lines. */
function smallContainer(i: number): string {
  return `    - name: app
      image: registry.example.com/team/app-${i}:1.0.${i}
      imagePullPolicy: IfNotPresent
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
      resources:
        requests:
          cpu: 100m
          memory: 128Mi
        limits:
          cpu: 500m
          memory: 256Mi
      volumeMounts:
        - name: data
          mountPath: /data
`;
}

const TAIL = `  nodeSelector:
    kubernetes.io/os: linux
  tolerations:
    - key: dedicated
      operator: Equal
      value: bench
      effect: NoSchedule
`;

/** (a) a ~50-line Pod. */
export function smallPod(): string {
  return HEADER('bench-small') + container(0) + TAIL;
}

/** (b) a Pod with `n` containers (200: ~6,000 lines). */
export function bigPod(n = 200): string {
  let s = HEADER('bench-big');
  for (let i = 0; i < n; i++) s += container(i);
  return s + TAIL;
}

/**
 * (e) the Pod of (b) as a Deployment's template: the same 200 containers, 4 columns further in,
 * under a selector and template labels.
 */
export function bigDeployment(n = 200): string {
  const pod = bigPod(n);
  const spec = pod.slice(pod.indexOf('\nspec:\n') + '\nspec:\n'.length);
  const indented = spec
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench-deployment
  namespace: default
  labels:
    app: bench
spec:
  replicas: 3
  selector:
    matchLabels:
      app: bench
  template:
    metadata:
      labels:
        app: bench
        tier: backend
    spec:
${indented}`;
}

/** (c) `n` Pods in one file, separated by `---` (500: ~15,000 lines). */
export function manyPods(n = 500): string {
  const pods: string[] = [];
  for (let i = 0; i < n; i++) pods.push(HEADER(`bench-${i}`) + smallContainer(i));
  return pods.join('---\n');
}

/**
 * (d) the big Pod with 20 planted errors: misspelt keys, wrong types, bad enum values, spread
 * over the containers. Returns the text and where each error is.
 */
export function bigPodWithErrors(n = 200): { text: string; planted: Planted[] } {
  const lines = bigPod(n).split('\n');
  const planted: Planted[] = [];
  const containerLine = (i: number) => HEADER('bench-big').split('\n').length - 1 + 32 * i;
  const edits: [offset: number, from: RegExp, to: string, what: string][] = [
    [2, /imagePullPolicy/, 'imagePullPolicyy', 'typo: imagePullPolicyy'],
    [2, /IfNotPresent/, 'Sometimes', 'enum: imagePullPolicy Sometimes'],
    [9, /containerPort: \d+/, 'containerPort: http-port', 'type: containerPort string'],
    [10, /TCP/, 'TCPX', 'enum: protocol TCPX'],
    [10, /protocol/, 'protocl', 'typo: protocl'],
    [18, /cpu: 100m/, 'cpu: lots', 'type: cpu quantity "lots"'],
    [19, /memory: 128Mi/, 'memory: 128MiB', 'type: memory quantity "128MiB"'],
    [27, /initialDelaySeconds: 5/, 'initialDelaySeconds: five', 'type: initialDelaySeconds string'],
    [28, /periodSeconds: 10/, 'periodSecond: 10', 'typo: periodSecond'],
    [29, /volumeMounts/, 'volumeMount', 'typo: volumeMount'],
    [3, /command: \["\/bin\/app"\]/, 'command: /bin/app', 'type: command is a string'],
    [4, /args:/, 'arg:', 'typo: arg'],
    [12, /name: MODE/, 'nme: MODE', 'typo: nme'],
    [16, /resources:/, 'resource:', 'typo: resource'],
    [21, /cpu: 500m/, 'cpu: [1]', 'type: cpu limit is a list'],
    [26, /port: \d+/, 'port: {a: 1}', 'type: httpGet.port is a map'],
    [30, /name: data/, 'name: 42', 'type: volumeMount name int'],
    [1, /image: /, 'imag: ', 'typo: imag'],
    [13, /value: production/, 'value: 42', 'type: env value is a number'],
    [24, /httpGet:/, 'httpGett:', 'typo: httpGett'],
  ];
  edits.forEach(([offset, from, to, what], k) => {
    const line = containerLine(5 + k * 9) + offset;
    if (!from.test(lines[line])) throw new Error(`planted error ${k}: line ${line} "${lines[line]}" has no ${from}`);
    lines[line] = lines[line].replace(from, to);
    planted.push({ line, what });
  });
  return { text: lines.join('\n'), planted };
}

/** A seeded PRNG (mulberry32), so positions are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A workspace of `n` YAML files (2,000 for the bench's workspace scenario), as a repository of
 * manifests looks: per app a directory with a Deployment (its envFrom and volumes naming the app's
 * ConfigMap, Secret, PVC and ServiceAccount), a Service, and those objects, some files holding
 * several `---` documents. Deterministic: the same files for the same `seed`. Returns the files'
 * paths (relative, `/`-separated) and texts.
 */
export function workspaceFiles(n = 2000, seed = 42): { path: string; text: string }[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const word = () => pick(['api', 'web', 'worker', 'cache', 'auth', 'billing', 'search', 'mail', 'report', 'gateway', 'queue', 'store']);
  const files: { path: string; text: string }[] = [];
  const kinds = [
    'Deployment',
    'Deployment',
    'Deployment',
    'ConfigMap',
    'ConfigMap',
    'Secret',
    'PersistentVolumeClaim',
    'ServiceAccount',
    'Service',
    'Service',
  ] as const;
  for (let i = 0; files.length < n; i++) {
    const team = `team-${i % 17}`;
    const app = `${word()}-${i}`;
    const ns = `${team}-${pick(['dev', 'staging', 'prod'])}`;
    const meta = (name: string) => `metadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\n    team: ${team}\n`;
    const docs = (kind: (typeof kinds)[number]): string => {
      switch (kind) {
        case 'Deployment': {
          const replicas = 1 + Math.floor(rnd() * 5);
          return `apiVersion: apps/v1\nkind: Deployment\n${meta(app)}spec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      serviceAccountName: ${app}\n      containers:\n        - name: ${app}\n          image: registry.example.com/${team}/${app}:1.${i % 40}.0\n          ports:\n            - name: http\n              containerPort: 8080\n          envFrom:\n            - configMapRef:\n                name: ${app}-config\n            - secretRef:\n                name: ${app}-secret\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n            limits:\n              cpu: 500m\n              memory: 256Mi\n          volumeMounts:\n            - name: data\n              mountPath: /data\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: ${app}-data\n`;
        }
        case 'ConfigMap': {
          const keys = 3 + Math.floor(rnd() * 25);
          let data = '';
          for (let k = 0; k < keys; k++) {
            if (k % 7 === 6) data += `  config-${k}.yaml: |\n    server:\n      port: ${8000 + k}\n      mode: ${word()}\n`;
            else data += `  ${word().toUpperCase()}_${k}: "${word()}-${Math.floor(rnd() * 1000)}"\n`;
          }
          return `apiVersion: v1\nkind: ConfigMap\n${meta(`${app}-config`)}data:\n${data}`;
        }
        case 'Secret': {
          const keys = 2 + Math.floor(rnd() * 5);
          let data = '';
          for (let k = 0; k < keys; k++)
            data += `  ${pick(['password', 'token', 'api-key', 'tls.key', 'username'])}-${k}: ${Buffer.from(`secret-${i}-${k}-${rnd()}`).toString('base64')}\n`;
          return `apiVersion: v1\nkind: Secret\n${meta(`${app}-secret`)}type: Opaque\ndata:\n${data}`;
        }
        case 'PersistentVolumeClaim':
          return `apiVersion: v1\nkind: PersistentVolumeClaim\n${meta(`${app}-data`)}spec:\n  accessModes:\n    - ReadWriteOnce\n  storageClassName: standard\n  resources:\n    requests:\n      storage: ${1 + Math.floor(rnd() * 50)}Gi\n`;
        case 'ServiceAccount':
          return `apiVersion: v1\nkind: ServiceAccount\n${meta(app)}automountServiceAccountToken: false\n`;
        case 'Service':
          return `apiVersion: v1\nkind: Service\n${meta(app)}spec:\n  selector:\n    app: ${app}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`;
      }
    };
    // One kind per file, or (one app in five) the Deployment, its Service and its ConfigMap in one file.
    const dir = `${team}/${app}`;
    if (rnd() < 0.2) files.push({ path: `${dir}/all.yaml`, text: [docs('Deployment'), docs('Service'), docs('ConfigMap')].join('---\n') });
    else for (const kind of new Set([pick(kinds), pick(kinds), pick(kinds)])) files.push({ path: `${dir}/${kind.toLowerCase()}.yaml`, text: docs(kind) });
  }
  return files.slice(0, n);
}
