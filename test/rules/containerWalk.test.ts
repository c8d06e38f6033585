/**
 * The one walk over a Pod's containers (rules/containerWalk.ts: podshelper.VisitContainersWithPath)
 * and what it does with ephemeral containers before 1.23. The EphemeralContainers gate is alpha
 * (off) until 1.23: dropDisabledFields (pkg/api/pod/util.go) drops spec.ephemeralContainers in
 * PrepareForCreate, before validation and before GetWarningsForPod, and AllFeatureEnabledContainers
 * leaves them out of every walk. The walk's copies used to disagree here: the warnings visited
 * ephemeral containers in 1.22 too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachContainer } from '../../server/src/rules/containerWalk';
import { errorMessage } from '../../server/src/rules/errors';
import { warningsRules } from '../../server/src/rules/warnings';
import { checker } from '../helpers/check';

const spec = {
  containers: [{ name: 'app', image: 'nginx', resources: { limits: { memory: 1.5 } } }],
  initContainers: [{ name: 'init', image: 'busybox' }],
  ephemeralContainers: [{ name: 'debug', image: 'busybox', resources: { limits: { memory: 0.5 } } }],
};

describe('eachContainer (VisitContainersWithPath)', () => {
  it('visits init containers, containers, then ephemeral containers from 1.23', () => {
    const walk = (version: string) => Array.from(eachContainer(spec, { version }), ({ path, kind }) => `${kind} ${path}`);
    assert.deepEqual(walk('1.23'), [
      'initContainers spec.initContainers[0]',
      'containers spec.containers[0]',
      'ephemeralContainers spec.ephemeralContainers[0]',
    ]);
    assert.deepEqual(walk('1.22'), ['initContainers spec.initContainers[0]', 'containers spec.containers[0]']);
    assert.deepEqual(walk('1.20'), walk('1.22'));
  });

  it('gives each container the path object the memo recognises', () => {
    const [first] = eachContainer(spec, { version: '1.35' });
    const [again] = eachContainer(spec, { version: '1.35' });
    assert.equal(first.path, again.path);
  });
});

describe('ephemeral containers before 1.23 (dropped unvalidated: EphemeralContainers off)', () => {
  // No bundled schema for 1.21/1.22: the rule is called directly.
  it('GetWarningsForPod (1.22+) does not see them in 1.22', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
    assert.deepEqual(warningsRules(pod, { version: '1.22' }).map(errorMessage), [
      'spec.containers[0].resources.limits[memory]: fractional byte value "1500m" is invalid, must be an integer',
    ]);
    assert.deepEqual(warningsRules(pod, { version: '1.23' }).map(errorMessage), [
      'spec.containers[0].resources.limits[memory]: fractional byte value "1500m" is invalid, must be an integer',
      'spec.ephemeralContainers[0].resources.limits[memory]: fractional byte value "500m" is invalid, must be an integer',
    ]);
  });

  it('ValidateAppArmorPodAnnotations: an ephemeral container is not found in 1.20, found from 1.23', () => {
    const check = checker({
      pod: (ephemeral) =>
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/debug: runtime/default\nspec:\n  containers:\n  - {name: app, image: nginx}\n${ephemeral}`,
      only: (d) => d.severity === 1,
    });
    const ephemeral = '  ephemeralContainers:\n  - {name: debug, image: busybox}\n';
    assert.deepEqual(check(ephemeral, '1.20'), [
      '6:5-6:57 invalid-value metadata.annotations[container.apparmor.security.beta.kubernetes.io/debug]: Invalid value: "debug": container not found',
    ]);
    assert.deepEqual(check(ephemeral, '1.23'), ['10:3-10:22 forbidden spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });
});
