// The kind rules of DaemonSet and StatefulSet (rules/apps), each 1.20 message as a v1.20.2 API
// server gives it (checked with ?dryRun=All), and the versions where the rules change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  daemonSetRules,
  statefulSetRules,
  statefulSetTemplateFaultChecked,
  statefulSetTemplateForValidation,
  statefulSetTemplateValidated,
  templateValidation,
} from '../../server/src/rules/apps';
import type { KindRule, Obj } from '../../server/src/rules/context';
import { errorMessage } from '../../server/src/rules/errors';
import { FieldPath } from '../../server/src/path/fieldPath';

const template = (labels: Obj = { app: 'x' }, spec: Obj = {}): Obj => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const run = (rules: KindRule, o: Obj, version = '1.20') => rules(o, { version }).map(errorMessage);
const VERSIONS = ['1.20', '1.23', '1.24', '1.26', '1.27', '1.28', '1.29', '1.32', '1.33', '1.34', '1.35'];

const daemonSet = (spec: Obj): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'a' },
  spec: { selector: { matchLabels: { app: 'x' } }, template: template(), ...spec },
});
const strategy = (updateStrategy: Obj) => daemonSet({ updateStrategy });

describe('DaemonSet (ValidateDaemonSetSpec)', () => {
  it('accepts a plain DaemonSet at every version', () => {
    for (const v of VERSIONS) assert.deepEqual(run(daemonSetRules, daemonSet({})), [], v);
  });

  it('a missing selector matches nothing; an empty one is invalid', () => {
    assert.deepEqual(run(daemonSetRules, daemonSet({ selector: null })), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(run(daemonSetRules, daemonSet({ selector: {} })), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ]);
    // an unusable selector is only what ValidateLabelSelector says of it
    assert.deepEqual(run(daemonSetRules, daemonSet({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } })), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it('numbers, every GCE disk read-only (until 1.28), restartPolicy and activeDeadlineSeconds', () => {
    const d = daemonSet({
      minReadySeconds: -1,
      revisionHistoryLimit: -3,
      template: template(
        { app: 'x' },
        {
          restartPolicy: 'Never',
          activeDeadlineSeconds: 0,
          volumes: [
            { name: 'a', gcePersistentDisk: { pdName: 'x' } },
            { name: 'b', gcePersistentDisk: { pdName: 'y', readOnly: true } },
          ],
        },
      ),
    });
    const rest = [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0',
    ];
    const disk =
      'spec.template.spec.volumes[0].gcePersistentDisk.readOnly: Invalid value: false: must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only';
    assert.deepEqual(run(daemonSetRules, d), [disk, ...rest]);
    assert.deepEqual(run(daemonSetRules, d, '1.28'), [disk, ...rest]);
    assert.deepEqual(run(daemonSetRules, d, '1.29'), rest);
  });

  it('updateStrategy: RollingUpdate (default) or OnDelete', () => {
    assert.deepEqual(run(daemonSetRules, strategy({ type: 'Foo' })), [
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 0 } })), []);
    assert.deepEqual(run(daemonSetRules, strategy({ type: 'RollingUpdate', rollingUpdate: null })), []);
  });

  it('1.20: maxUnavailable (1 when left out) a positive int or percent, not 0, at most 100%', () => {
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: 0 } })), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: '0%' } })), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: cannot be 0',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: '101%' } })), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: -1 } })), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: 'x' } })), [
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}: cannot be 0',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxSurge: 1 } })), [], 'no maxSurge in 1.20');
  });

  it('from 1.22 (DaemonSetUpdateSurge): exactly one of maxUnavailable (1) and maxSurge (0) non-zero', () => {
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxSurge: 1 } }), '1.23'), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }), '1.23'), []);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: 0 } }), '1.23'), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
    assert.deepEqual(run(daemonSetRules, strategy({ rollingUpdate: { maxUnavailable: 0, maxSurge: '150%' } }), '1.35'), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
  });
});

const statefulSet = (spec: Obj): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'a' },
  spec: { serviceName: 'svc', selector: { matchLabels: { app: 'x' } }, template: template(), ...spec },
});

describe('StatefulSet (ValidateStatefulSetSpec)', () => {
  it('accepts a plain StatefulSet at every version', () => {
    for (const v of VERSIONS) assert.deepEqual(run(statefulSetRules, statefulSet({})), [], v);
  });

  it('podManagementPolicy OrderedReady (default) or Parallel', () => {
    assert.deepEqual(run(statefulSetRules, statefulSet({ podManagementPolicy: 'Foo' })), [
      "spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'",
    ]);
    assert.deepEqual(run(statefulSetRules, statefulSet({ podManagementPolicy: '' })), []);
  });

  it('updateStrategy: its type, rollingUpdate only with RollingUpdate, partition not negative', () => {
    assert.deepEqual(run(statefulSetRules, statefulSet({ updateStrategy: { type: 'Foo' } })), [
      "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Foo\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'",
    ]);
    const onDelete = statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } });
    assert.deepEqual(run(statefulSetRules, onDelete), [
      "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1}: only allowed for updateStrategy 'RollingUpdate'",
    ]);
    // the internal type has MaxUnavailable from 1.24
    assert.deepEqual(run(statefulSetRules, onDelete, '1.24'), [
      "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
    ]);
    assert.deepEqual(run(statefulSetRules, statefulSet({ updateStrategy: { rollingUpdate: { partition: -1, maxUnavailable: 0 } } })), [
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('maxUnavailable from 1.35 (MaxUnavailableStatefulSet on): positive int or percent, not 0', () => {
    const s = statefulSet({ updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } });
    assert.deepEqual(run(statefulSetRules, s, '1.34'), []);
    assert.deepEqual(run(statefulSetRules, s, '1.35'), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0',
    ]);
    assert.deepEqual(run(statefulSetRules, statefulSet({ updateStrategy: { rollingUpdate: { maxUnavailable: '120%' } } }), '1.35'), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
  });

  it('replicas at every version; minReadySeconds from 1.23, ordinals from 1.27, the retention policy from 1.27', () => {
    const s = statefulSet({ replicas: -1, minReadySeconds: -1, ordinals: { start: -1 }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Foo' } });
    const replicas = 'spec.replicas: Invalid value: -1: must be greater than or equal to 0';
    const minReady = 'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0';
    assert.deepEqual(run(statefulSetRules, s), [replicas]);
    assert.deepEqual(run(statefulSetRules, s, '1.26'), [replicas, minReady]);
    assert.deepEqual(run(statefulSetRules, s, '1.27'), [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Foo": supported values: "Retain", "Delete"',
      replicas,
      minReady,
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('serviceName a DNS-1123 label from 1.33', () => {
    const s = statefulSet({ serviceName: 'Bad.Name' });
    assert.deepEqual(run(statefulSetRules, s, '1.32'), []);
    const got = run(statefulSetRules, s, '1.33');
    assert.equal(got.length, 1);
    assert.match(got[0], /^spec\.serviceName: Invalid value: "Bad\.Name": a lowercase RFC 1123 label must consist of/);
  });

  it('volumeClaimTemplates validated as new claims from 1.34', () => {
    const s = statefulSet({ volumeClaimTemplates: [{ metadata: { name: 'Bad_' }, spec: {} }] });
    assert.deepEqual(run(statefulSetRules, s, '1.33'), []);
    assert.deepEqual(run(statefulSetRules, s, '1.34'), [
      'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
      'spec.volumeClaimTemplates[0].spec.resources[storage]: Required value',
    ]);
  });

  it('selector: required (a missing one matches nothing), not empty, usable (Invalid with no detail)', () => {
    assert.deepEqual(run(statefulSetRules, statefulSet({ selector: null })), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(run(statefulSetRules, statefulSet({ selector: {} })), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    ]);
    const bad = statefulSet({
      selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b c'] }] },
      template: template({ app: 'x' }, { restartPolicy: 'Never', activeDeadlineSeconds: 2 }),
    });
    assert.deepEqual(run(statefulSetRules, bad), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"In", Values:[]string{"b c"}}}}',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
    assert.equal(templateValidation('StatefulSet', bad, { version: '1.35' }), 'none');
  });
});

describe('how much of a StatefulSet template the server validates', () => {
  it('before 1.34 only the labels and annotations', () => {
    const ctx = (version: string) => ({ version });
    assert.equal(statefulSetTemplateValidated(ctx('1.33')), false);
    assert.equal(statefulSetTemplateValidated(ctx('1.34')), true);
    assert.equal(templateValidation('StatefulSet', statefulSet({}), ctx('1.33')), 'metadata');
    assert.equal(templateValidation('StatefulSet', statefulSet({}), ctx('1.34')), 'full');
    assert.equal(templateValidation('DaemonSet', daemonSet({ selector: {} }), ctx('1.20')), 'full');
    const t = FieldPath.root('spec', 'template');
    const checked = (p: FieldPath, v: string) => statefulSetTemplateFaultChecked(p, ctx(v));
    assert.equal(checked(t.child('labels'), '1.20'), true);
    assert.equal(checked(t.child('annotations').key('kubernetes.io/config.mirror'), '1.20'), true);
    assert.equal(checked(t.child('metadata').child('labels'), '1.20'), true);
    assert.equal(checked(t.child('spec').child('containers').index(0).child('name'), '1.20'), false);
    assert.equal(checked(t.child('spec').child('containers').index(0).child('name'), '1.34'), true);
  });

  it('from 1.34 the claim templates are volumes, ahead of the written ones; hostname and subdomain are dropped', () => {
    const s = statefulSet({
      volumeClaimTemplates: [{ metadata: { name: 'data' } }, { metadata: { name: 'logs' } }],
      template: template(
        { app: 'x' },
        {
          hostname: 'Bad_',
          subdomain: 'x',
          volumes: [
            { name: 'conf', configMap: { name: 'c' } },
            { name: 'data', emptyDir: {} },
          ],
        },
      ),
    });
    const { template: t, volumeIndex } = statefulSetTemplateForValidation(s);
    const spec = t.spec as Obj;
    assert.deepEqual(spec.volumes, [
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'logs', persistentVolumeClaim: { claimName: 'logs' } },
      { name: 'conf', configMap: { name: 'c' } },
    ]);
    assert.equal(spec.hostname, undefined);
    assert.equal(spec.subdomain, undefined);
    assert.deepEqual([...volumeIndex], [[2, 0]]);
    assert.deepEqual(t.metadata, { labels: { app: 'x' } });
  });
});
