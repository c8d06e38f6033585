import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checker } from '../helpers/check';
import { yaml } from '../helpers/service';

const pod = (metadata: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n${metadata}\nspec:\n  containers: [{name: a, image: busybox}]\n`;
const check = checker();

describe('metadata rules (ValidateObjectMeta)', () => {
  it('requires a DNS-1123 subdomain as the name', () => {
    assert.deepEqual(check(pod('  name: MyApp')), [
      `4:9-4:14 invalid-value metadata.name: Invalid value: "MyApp": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('requires a name or a generateName, on the metadata key', () => {
    assert.deepEqual(check(pod('  labels: {app: a}')), ['3:1-3:9 required metadata.name: Required value: name or generateName is required']);
  });

  it('checks generateName as the server does, for the name it will generate too', () => {
    assert.deepEqual(check(pod('  generateName: web-')), []);
    const got = check(pod('  generateName: Web-'));
    assert.equal(got.length, 2);
    assert.match(got[0], /^4:17-4:21 invalid-value metadata.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
    assert.match(got[1], /^4:17-4:21 invalid-value metadata.name: Invalid value: "Web-x2f9q": a lowercase RFC 1123 subdomain/);
  });

  it('checks label keys and values, on the key or value at fault, with the path metadata.labels', () => {
    const got = check(
      pod(
        yaml`
        name: a
        labels:
          "bad key": ok
          app: "has space"
    `
          .replace(/^/gm, '  ')
          .trimEnd(),
      ),
    );
    assert.deepEqual(got, [
      `6:5-6:14 invalid-value metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `7:10-7:21 invalid-value metadata.labels: Invalid value: "has space": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });

  it('checks annotation keys (lower-cased) and the total annotation size', () => {
    assert.deepEqual(check(pod('  name: a\n  annotations: {Example.com/Note: x}')), []);
    const big = 'x'.repeat(256 * 1024);
    assert.deepEqual(check(pod(`  name: a\n  annotations:\n    note: ${big}`)), [
      '5:3-5:14 too-long metadata.annotations: Too long: must have at most 262144 bytes',
    ]);
  });

  it('requires a DNS-1123 label as the namespace', () => {
    assert.match(
      check(pod('  name: a\n  namespace: Team_A'))[0],
      /^5:14-5:20 invalid-value metadata.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of/,
    );
  });
  it('checks finalizer names (ValidateFinalizers, validateKubeFinalizerName), each on its item', () => {
    assert.deepEqual(check(pod('  name: a\n  finalizers: [example.com/cleanup, kubernetes, orphan]')), []);
    assert.deepEqual(check(pod('  name: a\n  finalizers: [cleanup, example.com/Bad_, orphan, foregroundDeletion]')), [
      '5:15-5:70 invalid-value metadata.finalizers: Invalid value: []string{"cleanup", "example.com/Bad_", "orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      '5:16-5:23 invalid-value metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
      `5:25-5:41 invalid-value metadata.finalizers: Invalid value: "example.com/Bad_": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  it('checks owner references (ValidateOwnerReferences): one controller, a version, a uid; in the server words, not the schema words', () => {
    const refs = (...items: string[]) => pod(`  name: a\n  ownerReferences:\n${items.map((i) => `  - ${i}`).join('\n')}`);
    assert.deepEqual(
      check(refs('{apiVersion: apps/v1, kind: ReplicaSet, name: r1, uid: u1, controller: true}', '{apiVersion: v1, kind: ConfigMap, name: c, uid: u2}')),
      [],
    );
    assert.deepEqual(
      check(
        refs(
          '{apiVersion: apps/v1, kind: ReplicaSet, name: r1, uid: u1, controller: true}',
          '{apiVersion: apps/, kind: ReplicaSet, name: r2, uid: "", controller: true}',
        ),
      ),
      [
        '7:18-7:23 invalid-value metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
        '7:58-7:60 invalid-value metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
        '7:74-7:78 invalid-value metadata.ownerReferences: Invalid value: []v1.OwnerReference{…}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/r1 and ReplicaSet/r2',
      ],
    );
    // The schema requires uid too; the server's message is the one shown.
    assert.deepEqual(check(refs('{apiVersion: apps/v1, kind: ReplicaSet, name: r1}')), [
      '6:6-6:16 invalid-value metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ]);
  });
});
