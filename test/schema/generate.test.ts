import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { defaultOpenApiDir, generateSchemas } from '../../scripts/schemas/generate';
import { VERSIONS } from '../../server/src/schema/versions';

const schemasDir = resolve(__dirname, '..', '..', 'schemas');

describe('bundled schemas', () => {
  it('has one schema per supported Kubernetes version, and nothing else', () => {
    assert.deepEqual(readdirSync(schemasDir).sort(), VERSIONS.map((v) => `pod-v${v}.json`).sort());
  });

  it('regenerates byte-identical from the OpenAPI documents', { skip: !existsSync(defaultOpenApiDir()) && 'no ../shared/k8s-openapi' }, () => {
    const files = generateSchemas(defaultOpenApiDir());
    const stale = [...files].filter(([name, text]) => readFileSync(join(schemasDir, name), 'utf8') !== text).map(([n]) => n);
    assert.deepEqual(stale, [], 'run npm run schemas');
  });

  it('keeps descriptions, required lists, int-or-string, Quantity, list-map keys and defaults', () => {
    const s = JSON.parse(readFileSync(join(schemasDir, 'pod-v1.35.json'), 'utf8'));
    const container = s.types.Container;
    assert.deepEqual(container.required, ['name', 'image']);
    assert.match(container.properties.image.description, /^Container image name/);
    assert.deepEqual(container.properties.ports.listMapKeys, ['containerPort', 'protocol']);
    assert.equal(s.types.ContainerPort.properties.protocol.default, 'TCP');
    assert.deepEqual(s.types.ContainerPort.properties.protocol.enum, ['SCTP', 'TCP', 'UDP']);
    assert.equal(s.types.HTTPGetAction.properties.port.kind, 'int-or-string');
    assert.equal(s.types.ResourceRequirements.properties.limits.values.kind, 'quantity');
    assert.equal(s.types.PodSpec.properties.hostUsers.since, '1.25');
    const old = JSON.parse(readFileSync(join(schemasDir, 'pod-v1.23.json'), 'utf8'));
    assert.equal(old.later.PodSpec.hostUsers, '+1.25');
  });
});
