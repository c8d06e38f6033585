/**
 * The one re-root of a field error (rules/errors.ts `reroot`, on FieldPath.reroot): what it names
 * and where it is shown, moved together (a container that moved), the name only (the server's
 * `spec.ephemeralContainers[0][0]…`) or the place only (the server names one path, the fault is
 * written at another). Where two copies of the place-only move used to differ, the answers pinned.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, invalid, reroot } from '../../server/src/rules/errors';
import { FieldPath } from '../../server/src/path/fieldPath';
import { checker } from '../helpers/check';

const from = FieldPath.root('spec').child('containers').index(3);
const to = FieldPath.root('spec').child('containers').index(4);
const shownAt = (e: { at?: FieldPath; path: FieldPath }) => String(e.at ?? e.path);

describe('reroot', () => {
  const plain = invalid(from.child('resources').child('limits').key('cpu'), '-1', 'must be greater than or equal to 0');
  const placed = at(plain, from.child('resources').child('limits'), 'key');

  it('both (the default): what it names and where it is shown', () => {
    const e = reroot(placed, from, to);
    assert.equal(String(e.path), 'spec.containers[4].resources.limits[cpu]');
    assert.equal(shownAt(e), 'spec.containers[4].resources.limits');
    assert.equal(e.target, 'key');
    assert.deepEqual(e.path.segments, ['spec', 'containers', 4, 'resources', 'limits', 'cpu']);
    assert.equal(reroot(plain, from, to).at, undefined);
  });

  it('named: what it names; shown where it was', () => {
    const e = reroot(plain, from, from.index(0), 'named');
    assert.equal(String(e.path), 'spec.containers[3][0].resources.limits[cpu]');
    assert.equal(shownAt(e), 'spec.containers[3].resources.limits[cpu]');
    assert.equal(shownAt(reroot(placed, from, from.index(0), 'named')), 'spec.containers[3].resources.limits');
  });

  it('shown: where it is shown (its own place, or its path); named as it was', () => {
    const e = reroot(placed, from, to, 'shown');
    assert.equal(String(e.path), 'spec.containers[3].resources.limits[cpu]');
    assert.equal(shownAt(e), 'spec.containers[4].resources.limits');
    assert.equal(shownAt(reroot(plain, from, to, 'shown')), 'spec.containers[4].resources.limits[cpu]');
  });

  it('leaves a path outside `from` as it is', () => {
    const elsewhere = invalid(FieldPath.root('spec').child('hostNetwork'), false, 'x');
    assert.equal(String(reroot(elsewhere, from, to).path), 'spec.hostNetwork');
    assert.equal(shownAt(reroot(elsewhere, from, to, 'shown')), 'spec.hostNetwork');
  });
});

describe('errors named after a volume source, shown on the item written', () => {
  const check = checker({
    pod: (volumes) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: app, image: nginx}\n  volumes:\n${volumes}`,
    only: (d) => d.severity === 1,
  });

  it("validateDownwardAPIVolumeFile: a bad subscript is shown on the item's fieldPath, as an env var's is", () => {
    const volumes = `  - name: d\n    downwardAPI:\n      items:\n      - path: x\n        fieldRef: {fieldPath: "metadata.labels['bad key']"}\n`;
    assert.deepEqual(check(volumes, '1.20'), [
      "13:31-13:59 invalid-value spec.volumes[0].downwardAPI.fieldRef: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('validateProjectionSources, clusterTrustBundle as `clusterTrustBundlePEM` (1.29): a bad label is shown on its key', () => {
    const volumes = `  - name: p\n    projected:\n      sources:\n      - clusterTrustBundle:\n          signerName: example.com/s\n          path: b\n          labelSelector:\n            matchLabels: {"bad key": v}\n`;
    assert.deepEqual(check(volumes, '1.29'), [
      "16:27-16:36 invalid-value spec.volumes[0].projected.sources[0].clusterTrustBundlePEM.labelSelector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
});
