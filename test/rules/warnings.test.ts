import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fractionalCanonical } from '../../server/src/rules/warnings';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checker } from '../helpers/check';

/** A Pod with `metadata` lines after its name (line 4) and `spec` lines after one container (lines 6-8). */
const pod = (spec: string, metadata = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${metadata.replace(/^(?=.)/gm, '  ')}spec:\n  containers:\n  - name: app\n    image: nginx\n${spec.replace(/^(?=.)/gm, '  ')}`;
/** The warnings only. */
const warningsOnly = (d: Diagnostic) => d.severity === 2;
const check = checker({ pod, only: warningsOnly });

describe('warnings (pkg/api/pod/warnings.go GetWarningsForPod)', () => {
  it('gives none in 1.20: the server returns warnings only from 1.22', () => {
    assert.deepEqual(check('nodeSelector: {beta.kubernetes.io/os: linux}\nvolumes:\n- {name: g, gitRepo: {repository: r}}', '1.20'), []);
  });

  it('warnsForPodSpecAndMeta: deprecated node labels in nodeSelector, node affinity and topology spread', () => {
    const spec = [
      'nodeSelector: {beta.kubernetes.io/os: linux}',
      'affinity:',
      '  nodeAffinity:',
      '    requiredDuringSchedulingIgnoredDuringExecution:',
      '      nodeSelectorTerms:',
      '      - matchExpressions: [{key: failure-domain.beta.kubernetes.io/zone, operator: Exists}]',
      'topologySpreadConstraints:',
      '- {maxSkew: 1, topologyKey: beta.kubernetes.io/instance-type, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}',
    ].join('\n');
    assert.deepEqual(check(spec, '1.23'), [
      '9:18-9:39 warning spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      '14:36-14:74 warning spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
      '16:31-16:63 warning spec.topologySpreadConstraints[0].topologyKey: beta.kubernetes.io/instance-type is deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
    ]);
  });

  it('GetNodeLabelDeprecatedMessage (1.24+) adds node-role.kubernetes.io/master', () => {
    assert.deepEqual(check('nodeSelector: {node-role.kubernetes.io/master: ""}', '1.23'), []);
    assert.deepEqual(check('nodeSelector: {node-role.kubernetes.io/master: ""}', '1.24'), [
      '9:18-9:48 warning spec.nodeSelector[node-role.kubernetes.io/master]: use "node-role.kubernetes.io/control-plane" instead',
    ]);
  });

  it('deprecated annotations and seccomp annotations without the field (worded per version)', () => {
    const meta = 'annotations:\n  scheduler.alpha.kubernetes.io/critical-pod: ""\n  seccomp.security.alpha.kubernetes.io/pod: runtime/default\n';
    const check = checker({ pod: (spec) => pod(spec, meta), only: warningsOnly });
    assert.deepEqual(check('', '1.23'), [
      '6:5-6:47 warning metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      '7:5-7:45 warning metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: deprecated since v1.19; use the "seccompProfile" field instead',
    ]);
    assert.deepEqual(
      check('', '1.27')[1],
      '7:5-7:45 warning metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
    );
    assert.deepEqual(check('securityContext: {seccompProfile: {type: RuntimeDefault}}', '1.27').length, 1);
  });

  it('applyAppArmorVersionSkew (1.30+): a container AppArmor annotation without the field', () => {
    const meta = 'annotations:\n  container.apparmor.security.beta.kubernetes.io/app: runtime/default\n';
    const check = checker({ pod: (spec) => pod(spec, meta), only: warningsOnly });
    assert.deepEqual(check('', '1.29'), []);
    assert.deepEqual(check('', '1.30'), [
      '6:5-6:55 warning metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: deprecated since v1.30; use the "appArmorProfile" field instead',
    ]);
    // The same profile at pod level: nothing is copied, nothing said.
    assert.deepEqual(check('securityContext: {appArmorProfile: {type: RuntimeDefault}}', '1.30'), []);
  });

  it('deprecated volume plugins, worded as each version words them', () => {
    const spec = 'volumes:\n- {name: g, gitRepo: {repository: r}}\n- {name: f, flocker: {datasetName: d}}\n- {name: c, cephfs: {monitors: [m]}}';
    assert.deepEqual(check(spec, '1.24'), [
      '10:15-10:22 warning spec.volumes[0].gitRepo: deprecated in v1.11',
      '11:15-11:22 warning spec.volumes[1].flocker: deprecated in v1.22, support removal is planned in v1.26',
    ]);
    assert.deepEqual(check(spec, '1.28'), [
      '10:15-10:22 warning spec.volumes[0].gitRepo: deprecated in v1.11',
      '11:15-11:22 warning spec.volumes[1].flocker: deprecated in v1.22, non-functional in v1.25+',
      '12:15-12:21 warning spec.volumes[2].cephfs: deprecated in v1.28, non-functional in v1.31+',
    ]);
  });

  it('duplicate hostAliases IPs and imagePullSecrets, and nameless imagePullSecrets', () => {
    const spec =
      'hostAliases:\n- {ip: 10.0.0.1, hostnames: [a]}\n- {ip: 10.0.0.1, hostnames: [b]}\nimagePullSecrets:\n- {name: reg}\n- {name: reg}\n- {name: ""}';
    assert.deepEqual(check(spec, '1.23'), [
      '11:10-11:18 warning spec.hostAliases[1].ip: duplicate ip "10.0.0.1"',
      '14:12-14:15 warning spec.imagePullSecrets[1].name: duplicate name "reg"',
      '15:6-15:10 warning spec.imagePullSecrets[2].name: invalid empty name ""',
    ]);
  });

  it('fractional byte quantities for memory and ephemeral-storage, printed canonically', () => {
    const spec =
      'overhead: {memory: 0.5}\ninitContainers:\n- name: init\n  image: busybox\n  resources: {requests: {ephemeral-storage: 1.5k}, limits: {memory: 2.5Ki}}';
    assert.deepEqual(check(spec, '1.23'), ['9:22-9:25 warning spec.overhead[memory]: fractional byte value "500m" is invalid, must be an integer']);
    assert.equal(fractionalCanonical('1.5'), '1500m');
    assert.equal(fractionalCanonical('1.5k'), undefined);
    assert.equal(fractionalCanonical('0.1Ki'), '102400m');
  });

  it('duplicate env names: `duplicate name` (1.22-1.29, from 1.28 not when the later one refers to the earlier), `hides previous definition` from 1.30', () => {
    const spec = 'initContainers:\n- name: init\n  image: busybox\n  env:\n  - {name: A, value: x}\n  - {name: A, value: "$(A):y"}\n  - {name: A, value: z}';
    assert.deepEqual(check(spec, '1.27'), [
      '14:14-14:15 warning spec.initContainers[0].env[1].name: duplicate name "A"',
      '15:14-15:15 warning spec.initContainers[0].env[2].name: duplicate name "A"',
    ]);
    assert.deepEqual(check(spec, '1.28'), ['15:14-15:15 warning spec.initContainers[0].env[2].name: duplicate name "A"']);
    assert.deepEqual(check(spec, '1.30'), [
      '15:8-15:12 warning spec.initContainers[0].env[2]: hides previous definition of "A", which may be dropped when using apply',
    ]);
  });

  it('ports across containers (1.28+): hostIP without hostPort, duplicate and overlapping definitions', () => {
    const spec =
      'initContainers:\n- name: init\n  image: busybox\n  ports:\n  - {containerPort: 80}\n  - {containerPort: 80, hostPort: 8080}\n  - {containerPort: 81, hostIP: 127.0.0.1}';
    assert.deepEqual(check(spec, '1.27'), []);
    assert.deepEqual(check(spec, '1.28'), [
      '14:8-14:21 warning spec.initContainers[0].ports[1]: overlapping port definition with spec.initContainers[0].ports[0]',
      '15:8-15:21 warning spec.initContainers[0].ports[2]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:81 Protocol:TCP HostIP:127.0.0.1}',
    ]);
  });

  it('negative terminationGracePeriodSeconds (1.31+)', () => {
    assert.deepEqual(check('terminationGracePeriodSeconds: -1', '1.30'), []);
    assert.deepEqual(check('terminationGracePeriodSeconds: -1', '1.31'), [
      '9:34-9:36 warning spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('a null labelSelector in topology spread and pod affinity terms (1.28+)', () => {
    const spec =
      'topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\naffinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - {weight: 1, podAffinityTerm: {topologyKey: zone}}';
    assert.deepEqual(check(spec, '1.27'), []);
    assert.deepEqual(check(spec, '1.28'), [
      '10:6-10:13 warning spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod',
      '14:21-14:36 warning spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod',
    ]);
  });
});
