// The kind rules of Deployment, ReplicaSet and ReplicationController (rules/apps), each message
// as a v1.20.2 API server gives it for the same object (checked with ?dryRun=All), and where
// later versions differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deploymentRules, replicaSetRules, replicationControllerRules, templateValidation } from '../../server/src/rules/apps';
import type { KindRule, Obj } from '../../server/src/rules/context';
import { errorMessage } from '../../server/src/rules/errors';

const template = (labels: Obj | null = { app: 'x' }, spec: Obj = {}): Obj => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const object = (kind: string, spec: Obj): Obj => ({ apiVersion: kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind, metadata: { name: 'a' }, spec });
const run = (rules: KindRule, o: Obj, version = '1.20') => rules(o, { version }).map(errorMessage);
const shown = (rules: KindRule, o: Obj, version = '1.20') => rules(o, { version }).map((e) => String(e.at ?? e.path));

const deployment = (spec: Obj) => object('Deployment', { selector: { matchLabels: { app: 'x' } }, template: template(), ...spec });
const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

describe('Deployment (ValidateDeploymentSpec)', () => {
  it('accepts a plain Deployment at every version', () => {
    for (const v of ['1.20', '1.23', '1.28', '1.29', '1.34', '1.35']) assert.deepEqual(run(deploymentRules, deployment({})), [], v);
  });

  it('checks the numbers, the template and the strategy in the server order', () => {
    const d = deployment({
      replicas: -1,
      minReadySeconds: -2,
      revisionHistoryLimit: -3,
      progressDeadlineSeconds: -4,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'abc', maxUnavailable: '200%' } },
      template: template({ app: 'y' }, { restartPolicy: 'Never', activeDeadlineSeconds: 5 }),
    });
    assert.deepEqual(run(deploymentRules, d), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: ${PERCENT}`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"200%"}: must not be greater than 100%',
      'spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: -4: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: -4: must be greater than minReadySeconds',
    ]);
  });

  it('strategy: Recreate takes no rollingUpdate; another type is unsupported', () => {
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { type: 'Foo' } })), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
    assert.deepEqual(shown(deploymentRules, deployment({ strategy: { type: 'Foo' } })), ['spec.strategy.type']);
    // the server prints the pointer's address, which changes on every request
    assert.match(
      run(deploymentRules, deployment({ strategy: { type: 'Foo', rollingUpdate: {} } }))[0],
      /RollingUpdate:\(\*apps\.RollingUpdateDeployment\)\(0xc…\)/,
    );
  });

  it('rollingUpdate: maxSurge and maxUnavailable (25% when left out) not both 0; ints not negative', () => {
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { rollingUpdate: { maxSurge: 0 } } })), []);
    // "5" is no percent, but counts as 5 (IntValue) for the both-0 check
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { rollingUpdate: { maxSurge: -1, maxUnavailable: '5' } } })), [
      `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"5"}: ${PERCENT}`,
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: 'abc' } } })), [
      `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: ${PERCENT}`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('progressDeadlineSeconds (600 when left out) must exceed minReadySeconds', () => {
    assert.deepEqual(run(deploymentRules, deployment({ progressDeadlineSeconds: 5, minReadySeconds: 5 })), [
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ]);
    const d = deployment({ minReadySeconds: 600 });
    assert.deepEqual(run(deploymentRules, d), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']);
    assert.deepEqual(shown(deploymentRules, d), ['spec.minReadySeconds']);
  });

  it('selector: required, not empty, usable; the template labels must match it', () => {
    assert.deepEqual(run(deploymentRules, deployment({ selector: null })), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ selector: {} })), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ selector: { matchLabels: {}, matchExpressions: [] } })), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement{}}: empty selector is invalid for deployment',
    ]);
    assert.deepEqual(run(deploymentRules, deployment({ template: null })), [
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]);
    const exprs = (matchExpressions: Obj[], labels: Obj) => deployment({ selector: { matchExpressions }, template: template(labels) });
    assert.deepEqual(run(deploymentRules, exprs([{ key: 'k', operator: 'DoesNotExist' }], { k: 'v', a: 'b' })), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"a":"b", "k":"v"}: `selector` does not match template `labels`',
    ]);
    const matching: Obj[] = [
      { key: 'k', operator: 'In', values: ['v', 'w'] },
      { key: 'z', operator: 'NotIn', values: ['q'] },
      { key: 'a', operator: 'Exists' },
    ];
    assert.deepEqual(run(deploymentRules, exprs(matching, { k: 'v', a: 'b' })), []);
  });

  it('an unusable selector is "invalid label selector", and the template is then not checked', () => {
    const d = deployment({
      selector: {
        matchLabels: { app: 'x', b: 'y' },
        matchExpressions: [
          { key: 'k', operator: 'NotIn', values: [] },
          { key: 'z', operator: 'Exists' },
        ],
      },
      template: template({}, { restartPolicy: 'Never' }),
    });
    assert.deepEqual(run(deploymentRules, d), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "b":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"NotIn", Values:[]string{}}, v1.LabelSelectorRequirement{Key:"z", Operator:"Exists", Values:[]string(nil)}}}: invalid label selector',
    ]);
    assert.equal(templateValidation('Deployment', d, { version: '1.20' }), 'none');
    assert.equal(templateValidation('Deployment', deployment({}), { version: '1.20' }), 'full');
  });

  it('a label value in a selector: only "invalid label selector" in 1.20, named itself from 1.26', () => {
    const d = deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['y', 'a b'] }] } });
    const invalidSelector =
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{"y", "a b"}}}}: invalid label selector';
    assert.deepEqual(run(deploymentRules, d), [invalidSelector]);
    const later = run(deploymentRules, d, '1.26');
    assert.equal(later.length, 2);
    assert.match(later[0], /^spec\.selector\.matchExpressions\[0\]\.values\[1\]: Invalid value: "a b": a valid label must be/);
    assert.equal(later[1], invalidSelector);
  });

  it('read-only GCE disks when replicated, until 1.28 (SkipReadOnlyValidationGCE on from 1.29)', () => {
    const volumes: Obj[] = [
      { name: 'v', gcePersistentDisk: { pdName: 'p' } },
      { name: 'w', gcePersistentDisk: { pdName: 'p', readOnly: false } },
      { name: 'r', gcePersistentDisk: { pdName: 'p', readOnly: true } },
    ];
    const d = deployment({ replicas: 2, template: template({ app: 'x' }, { volumes }) });
    const msg = (i: number) =>
      `spec.template.spec.volumes[${i}].gcePersistentDisk.readOnly: Invalid value: false: must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only`;
    assert.deepEqual(run(deploymentRules, d), [msg(0), msg(1)]);
    assert.deepEqual(shown(deploymentRules, d), [
      'spec.template.spec.volumes[0].gcePersistentDisk',
      'spec.template.spec.volumes[1].gcePersistentDisk.readOnly',
    ]);
    assert.deepEqual(run(deploymentRules, d, '1.28'), [msg(0), msg(1)]);
    assert.deepEqual(run(deploymentRules, d, '1.29'), []);
    assert.deepEqual(run(deploymentRules, deployment({ template: template({ app: 'x' }, { volumes }) })), [], 'one replica (the default)');
  });
});

describe('ReplicaSet (ValidateReplicaSetSpec)', () => {
  const rs = (spec: Obj) => object('ReplicaSet', { selector: { matchLabels: { app: 'x' } }, template: template(), ...spec });

  it('replicas, minReadySeconds, selector and the template checks', () => {
    const r = rs({
      replicas: 3,
      minReadySeconds: -1,
      template: template({ app: 'y' }, { restartPolicy: 'OnFailure', activeDeadlineSeconds: 1, volumes: [{ name: 'v', gcePersistentDisk: { pdName: 'p' } }] }),
    });
    assert.deepEqual(run(replicaSetRules, r), [
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
      'spec.template.spec.volumes[0].gcePersistentDisk.readOnly: Invalid value: false: must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only',
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('an empty selector says "deployment" (as the server does) and matches every template', () => {
    assert.deepEqual(run(replicaSetRules, rs({ replicas: -5, selector: {} })), [
      'spec.replicas: Invalid value: -5: must be greater than or equal to 0',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('an empty restartPolicy is defaulted to Always', () => {
    assert.deepEqual(run(replicaSetRules, rs({ template: template({ app: 'x' }, { restartPolicy: '' }) })), []);
  });
});

describe('ReplicationController (ValidateReplicationControllerSpec)', () => {
  const rc = (spec: Obj, metadata: Obj = { name: 'a' }) => ({ ...object('ReplicationController', spec), metadata });

  it('minReadySeconds, selector, replicas, then the template', () => {
    assert.deepEqual(run(replicationControllerRules, rc({ replicas: -1, minReadySeconds: -2, template: template() })), [
      'spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0',
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
    assert.deepEqual(
      run(replicationControllerRules, rc({ selector: { app: 'y' }, template: template({ app: 'x' }, { restartPolicy: 'Never', activeDeadlineSeconds: 4 }) })),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
      ],
    );
    // a selector entry with an empty value still needs the label
    assert.deepEqual(run(replicationControllerRules, rc({ selector: { a: '' }, template: template({ b: 'x' }) })), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"b":"x"}: `selector` does not match template `labels`',
    ]);
  });

  it('the selector defaults to the template labels; none at all is Required', () => {
    assert.deepEqual(run(replicationControllerRules, rc({ template: template(null) })), ['spec.selector: Required value']);
    const volumes: Obj[] = [{ name: 'v', gcePersistentDisk: { pdName: 'p' } }];
    assert.deepEqual(run(replicationControllerRules, rc({ replicas: 3, selector: {}, template: template({ app: 'x' }, { volumes }) })), [
      'spec.template.spec.volumes[0].gcePersistentDisk.readOnly: Invalid value: false: must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only',
    ]);
  });

  it('a missing template is Required, and nothing of it is validated', () => {
    const o = rc({ selector: { app: 'y' } });
    assert.deepEqual(run(replicationControllerRules, o), ['spec.template: Required value']);
    assert.equal(templateValidation('ReplicationController', o, { version: '1.35' }), 'none');
  });

  it("the template's labels become metadata.labels when those are empty: their faults are named there, shown on the template", () => {
    const o = rc({ template: template({ 'bad key': 'x' }) });
    const errs = replicationControllerRules(o, { version: '1.20' });
    assert.equal(errs.length, 1);
    assert.match(errorMessage(errs[0]), /^metadata\.labels: Invalid value: "bad key": name part must consist of/);
    assert.equal(String(errs[0].at), 'spec.template.metadata.labels[bad key]');
    // written labels are kept: then only the template's own ValidatePodTemplateSpec (workloads.ts) names them
    assert.deepEqual(run(replicationControllerRules, rc({ template: template({ 'bad key': 'x' }) }, { name: 'a', labels: { app: 'a' } })), []);
  });
});
