// What the transport reads and decides without a cluster: Warning headers, Status bodies,
// proxy choice (Go's httpproxy rules) and the dry-run diff texts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ConflictError,
  InvalidError,
  ServerError,
  dryRunDiffTexts,
  errorFromResponse,
  noProxyMatches,
  parseWarningHeader,
  proxyFor,
  redactProxy,
  warningsOf,
} from '../../client/src/cluster';

const target = { label: 'context "t"', server: 'https://k8s.example:6443' };

describe('Warning headers', () => {
  test('one text per header, escapes undone; several in one header; unparseable kept whole', () => {
    assert.deepEqual(warningsOf(['Content-Type', 'x', 'Warning', '299 - "spec.foo: deprecated, use \\"bar\\""', 'warning', '299 - "second"']), [
      'spec.foo: deprecated, use "bar"',
      'second',
    ]);
    assert.deepEqual(parseWarningHeader('299 - "a, b", 299 - "c"'), ['a, b', 'c']);
    assert.deepEqual(parseWarningHeader('something else'), ['something else']);
  });
});

describe('Status bodies', () => {
  test('409 lists the conflicting fields; 422 keeps the causes; 500 the message; all name the context and server', () => {
    const conflict = errorFromResponse(
      target,
      409,
      JSON.stringify({
        kind: 'Status',
        code: 409,
        reason: 'Conflict',
        message: 'Apply failed with 1 conflict: conflict with "other": .spec.containers[name="app"].image',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "other"', field: '.spec.containers[name="app"].image' }] },
      }),
    );
    assert.ok(conflict instanceof ConflictError);
    assert.deepEqual(conflict.fields, ['.spec.containers[name="app"].image']);
    assert.match(
      conflict.message,
      /Apply conflict on https:\/\/k8s.example:6443 \(context "t"\): \.spec\.containers\[name="app"\]\.image \(conflict with "other"\)/,
    );
    const invalid = errorFromResponse(
      target,
      422,
      JSON.stringify({ kind: 'Status', code: 422, message: 'Pod "p" is invalid: x', details: { causes: [{ field: 'spec.x', message: 'bad' }] } }),
    );
    assert.ok(invalid instanceof InvalidError);
    assert.deepEqual(invalid.causes, [{ field: 'spec.x', message: 'bad' }]);
    const plain = errorFromResponse(target, 500, 'upstream exploded');
    assert.ok(plain instanceof ServerError);
    assert.equal(plain.serverMessage, 'upstream exploded');
    assert.equal(errorFromResponse(target, 418, '').kind, 'http');
  });
});

describe('proxy choice', () => {
  const api = new URL('https://api.corp.example:6443');
  test('proxy-url wins; HTTPS_PROXY otherwise; a proxy without scheme is http; loopback never proxied', () => {
    assert.equal(proxyFor(api, 'http://p1:3128', { HTTPS_PROXY: 'http://p2:3128' })!.host, 'p1:3128');
    assert.equal(proxyFor(api, undefined, { HTTPS_PROXY: 'p2:3128' })!.href, 'http://p2:3128/');
    assert.equal(proxyFor(api, undefined, { https_proxy: 'http://p3' })!.host, 'p3');
    assert.equal(proxyFor(api, undefined, {}), undefined);
    assert.equal(proxyFor(new URL('https://127.0.0.1:6443'), undefined, { HTTPS_PROXY: 'http://p' }), undefined);
    assert.equal(proxyFor(new URL('https://localhost:6443'), undefined, { HTTPS_PROXY: 'http://p' }), undefined);
    assert.throws(() => proxyFor(api, 'socks5://p:1080', {}), /only http:\/\/ and https:\/\/ proxies/);
  });
  test('NO_PROXY: names, suffixes, ports, IPs, CIDRs, *', () => {
    assert.ok(noProxyMatches('corp.example', 'api.corp.example', '6443'));
    assert.ok(noProxyMatches('corp.example', 'corp.example', '443'));
    assert.ok(noProxyMatches('.corp.example', 'api.corp.example', '443'));
    assert.ok(!noProxyMatches('.corp.example', 'corp.example', '443'));
    assert.ok(noProxyMatches('*.corp.example', 'api.corp.example', '443'));
    assert.ok(!noProxyMatches('orp.example', 'api.corp.example', '443'));
    assert.ok(noProxyMatches('api.corp.example:6443', 'api.corp.example', '6443'));
    assert.ok(!noProxyMatches('api.corp.example:443', 'api.corp.example', '6443'));
    assert.ok(noProxyMatches('10.0.0.0/8', '10.1.2.3', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/8', '11.1.2.3', '443'));
    assert.ok(noProxyMatches('fd00::/8', 'fd12::1', '443'));
    assert.ok(noProxyMatches('10.1.2.3', '10.1.2.3', '443'));
    assert.ok(noProxyMatches(' foo , *', 'anything', '1'));
    assert.equal(proxyFor(api, undefined, { HTTPS_PROXY: 'http://p', NO_PROXY: 'other,.example' }), undefined);
  });
  test('proxy credentials never shown', () => {
    assert.equal(redactProxy('http://user:secret@proxy:3128'), 'http://proxy:3128');
  });
});

describe('dry-run diff texts', () => {
  test('server-managed fields and status left out, keys sorted; none live → empty', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p',
        namespace: 'n',
        uid: 'u',
        resourceVersion: '5',
        generation: 1,
        creationTimestamp: 't',
        managedFields: [{ manager: 'm' }],
        labels: { a: 'b' },
      },
      spec: { containers: [{ name: 'app', image: 'x' }] },
      status: { phase: 'Pending' },
    };
    const { live, dryRun } = dryRunDiffTexts(undefined, obj);
    assert.equal(live, '');
    assert.equal(
      dryRun,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n  name: p\n  namespace: n\nspec:\n  containers:\n    - image: x\n      name: app\n',
    );
    assert.equal(obj.metadata.uid, 'u', 'the input is not changed');
  });
});
