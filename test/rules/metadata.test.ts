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
});
