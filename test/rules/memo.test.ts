/**
 * Memoization never changes what the rules say (server/src/rules/memo.ts and the caches of the
 * container, probe, volume and warning rules). Each check compares checkRules on Pods that share
 * container objects with Pods checked before (warm caches) against checkRules on a fresh deep copy
 * (no object the caches know): the same errors, in the same order, with the same paths, values
 * and messages.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkRules } from '../../server/src/rules';
import { errorMessage, FieldError, GoValue } from '../../server/src/rules/errors';
import type { JsonValue } from '../../server/src/yaml/decode';
import { parseYamlDocument } from '../../server/src/yaml/parse';
import { splitDocuments } from '../../server/src/yaml/split';
import { SHARED } from '../helpers/reference';
import { yaml } from '../helpers/service';
import { parityCases } from '../parity/cases';

type Obj = { [key: string]: JsonValue };
const VERSIONS = ['1.20', '1.27', '1.35'];

/** A copy sharing nothing with the original (own `__proto__` keys kept as own keys, as the decoder makes them). */
function deepCopy<T extends JsonValue>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: deepCopy(x), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** Everything an error carries, comparable with deepEqual. */
function show(errs: FieldError[]): string[] {
  return errs.map((e) =>
    JSON.stringify([
      errorMessage(e),
      e.type,
      e.path.toString(),
      e.path.segments,
      e.at?.toString(),
      e.at?.segments,
      e.value instanceof GoValue ? `GoValue ${e.value.text}` : e.value,
      e.detail,
      e.target,
      e.severity,
    ]),
  );
}

/** Where checkRules on `pod` (caches warm) differs from checkRules on a fresh copy. */
function differences(id: string, pod: JsonValue, version: string): string[] {
  const warm = show(checkRules(pod, { version }));
  const fresh = show(checkRules(deepCopy(pod), { version }));
  return JSON.stringify(warm) === JSON.stringify(fresh) ? [] : [`${id} ${version}:\n  warm  ${warm.join('\n        ')}\n  fresh ${fresh.join('\n        ')}`];
}

function decodeAll(text: string): JsonValue[] {
  return splitDocuments(text)
    .map((part) => parseYamlDocument(part.text).decoded?.value)
    .filter((v): v is JsonValue => v !== undefined && v !== null && typeof v === 'object');
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.(ya?ml|json)$/.test(f) ? [join(dir, f)] : []));
}

const CORPUS = join(SHARED, 'corpus');

function allPods(): [string, JsonValue][] {
  const out: [string, JsonValue][] = [];
  if (existsSync(CORPUS))
    for (const f of files(CORPUS)) decodeAll(readFileSync(f, 'utf8')).forEach((v, i) => out.push([`${f.slice(CORPUS.length + 1)}#${i}`, v]));
  for (const c of parityCases().filter((p) => p.group === 'pod')) decodeAll(c.text).forEach((v) => out.push([c.id, v]));
  return out;
}

const isObj = (v: JsonValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The same Pod with other Pod-level facts the container checks read, sharing every container
 * object with it: a new root and spec, as the decoder makes after an edit outside the containers.
 */
function contextVariants(pod: Obj): [string, Obj][] {
  const spec = pod.spec;
  if (!isObj(spec)) return [];
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const withSpec = (changes: Obj): Obj => ({ ...pod, spec: { ...spec, ...changes } });
  return [
    ['hostNetwork', withSpec({ hostNetwork: !spec.hostNetwork })],
    ['restartPolicy Never', withSpec({ restartPolicy: 'Never' })],
    ['no volumes', withSpec({ volumes: [] })],
    [
      'other volumes',
      withSpec({
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'c' } },
          { name: 'cache', hostPath: { path: 'relative' } },
        ],
      }),
    ],
    ['resourceClaims', withSpec({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'g' }] })],
    ['grace period and hostUsers', withSpec({ terminationGracePeriodSeconds: 1, hostUsers: false })],
    ['containers as init and ephemeral containers', withSpec({ initContainers: containers, ephemeralContainers: containers })],
    ['another Pod name', { ...pod, metadata: { ...(isObj(pod.metadata) ? pod.metadata : {}), name: 'renamed' }, spec: { ...spec } }],
  ];
}

describe('memoized rules', () => {
  it('give the same results as a fresh copy for every corpus Pod and parity case, in other contexts too', () => {
    const pods = allPods();
    assert.ok(pods.length > 100, `only ${pods.length} Pods`);
    const wrong: string[] = [];
    for (const [id, pod] of pods) {
      // Warm every cache with the Pod in every version first.
      for (const version of VERSIONS) checkRules(pod, { version });
      for (const version of VERSIONS) wrong.push(...differences(id, pod, version));
      if (!isObj(pod)) continue;
      for (const [name, variant] of contextVariants(pod)) {
        for (const version of VERSIONS) wrong.push(...differences(`${id} (${name})`, variant, version));
      }
      // And the original again, after its containers were seen in all those contexts.
      for (const version of VERSIONS) wrong.push(...differences(`${id} (again)`, pod, version));
    }
    assert.deepEqual(wrong, []);
  });

  it('re-roots the errors of containers that moved: edit, insert, remove, reorder, repeat', () => {
    const pod = decodeAll(yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        volumes:
        - name: data
          emptyDir: {}
        containers:
        - name: a
          image: nginx
          env:
          - name: 1BAD
            value: x
          ports:
          - containerPort: 80
            hostPort: 81
        - name: B_bad
          image: ' nginx'
          resources:
            requests:
              cpu: '2'
              hugepages-2Mi: 1Mi
            limits:
              cpu: '1'
          volumeMounts:
          - name: missing
            mountPath: /m
            subPath: /abs
        - name: c
          image: nginx
          readinessProbe:
            httpGet:
              port: 0
              httpHeaders:
              - name: bad header
          securityContext:
            runAsUser: -1
            seccompProfile:
              type: Localhost
        - name: d
          image: nginx
          env:
          - name: X
            valueFrom:
              fieldRef:
                fieldPath: status.hostIPs
          - name: X
            value: y
        `)[0] as Obj;
    const spec = pod.spec as Obj;
    const list = spec.containers as Obj[];
    const withContainers = (containers: JsonValue[], more: Obj = {}): Obj => ({ ...pod, spec: { ...spec, ...more, containers } });
    const edited = { ...list[1], image: 'nginx', env: [{ name: 'ok', value: '1' }] };
    const inserted = { name: 'new', image: '', ports: [{ containerPort: 80, hostPort: 80 }] };
    const steps: [string, Obj][] = [
      ['as decoded', pod],
      ['one container edited', withContainers([list[0], edited, list[2], list[3]])],
      ['a container inserted first', withContainers([inserted, list[0], edited, list[2], list[3]])],
      ['one removed from the middle', withContainers([inserted, list[0], list[2], list[3]])],
      ['reordered', withContainers([list[3], list[2], list[1], list[0]])],
      ['one object twice', withContainers([list[2], list[1], list[2]])],
      ['moved to the init containers', withContainers([inserted], { initContainers: [list[3], list[0], list[1], list[2]] })],
      ['moved to the ephemeral containers', withContainers([inserted], { ephemeralContainers: [list[1], list[2]] })],
      ['back as decoded', pod],
    ];
    const wrong: string[] = [];
    for (const version of [...VERSIONS, '1.23']) {
      for (const [name, step] of steps) wrong.push(...differences(name, step, version));
    }
    assert.deepEqual(wrong, []);
    // The scenario has errors under the containers' paths to re-root.
    assert.ok(checkRules(steps[2][1], { version: '1.35' }).some((e) => String(e.path).startsWith('spec.containers[2].')));
  });

  it('keeps one container object apart in different contexts', () => {
    const ctr: Obj = {
      name: 'app',
      image: 'nginx',
      ports: [{ containerPort: 80, hostPort: 81 }],
      env: [{ name: 'A-B', value: '1' }],
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      volumeDevices: [{ name: 'block', devicePath: '/dev/b' }],
      resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }],
      resources: { claims: [{ name: 'gpu' }] },
      lifecycle: { preStop: { sleep: { seconds: 10 } } },
      securityContext: { procMount: 'Unmasked' },
    };
    const pod = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [ctr], ...spec } });
    const contexts: [string, Obj][] = [
      ['plain', pod({})],
      [
        'volumes',
        pod({
          volumes: [
            { name: 'data', emptyDir: {} },
            { name: 'block', persistentVolumeClaim: { claimName: 'c' } },
          ],
        }),
      ],
      [
        'block volume not a PVC',
        pod({
          volumes: [
            { name: 'data', emptyDir: {} },
            { name: 'block', emptyDir: {} },
          ],
        }),
      ],
      ['invalid volume', pod({ volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }] })],
      ['hostNetwork', pod({ hostNetwork: true })],
      ['restartPolicy Never', pod({ restartPolicy: 'Never' })],
      ['resourceClaims', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'g' }] })],
      ['short grace period', pod({ terminationGracePeriodSeconds: 5 })],
      ['hostUsers false', pod({ hostUsers: false })],
      ['as an init container', pod({ initContainers: [ctr] })],
      ['as a sidecar', pod({ initContainers: [{ ...ctr, restartPolicy: 'Always' }] })],
      ['as an ephemeral container', pod({ ephemeralContainers: [ctr] })],
      ['twice', pod({ containers: [ctr, ctr] })],
    ];
    const results = new Map<string, string>();
    const wrong: string[] = [];
    for (const version of ['1.20', '1.23', '1.27', '1.33', '1.35']) {
      for (const [name, p] of contexts) {
        wrong.push(...differences(name, p, version));
        results.set(`${name} ${version}`, JSON.stringify(show(checkRules(p, { version }))));
      }
    }
    assert.deepEqual(wrong, []);
    // Each context changes what is said of the same container object.
    for (const [name] of contexts.slice(1)) assert.notEqual(results.get(`${name} 1.35`), results.get('plain 1.35'), name);
    for (const version of ['1.20', '1.23', '1.27', '1.33']) assert.notEqual(results.get(`plain ${version}`), results.get('plain 1.35'), version);
  });
});
