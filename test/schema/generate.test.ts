import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { defaultOpenApiDir, generateSchemas } from '../../scripts/schemas/generate';
import { VERSIONS } from '../../server/src/schema/versions';

const schemasDir = resolve(__dirname, '..', '..', 'schemas');

describe('bundled schemas', () => {
  it('has a Pod schema and a workloads schema per supported Kubernetes version, and nothing else', () => {
    assert.deepEqual(readdirSync(schemasDir).sort(), VERSIONS.flatMap((v) => [`pod-v${v}.json`, `workloads-v${v}.json`]).sort());
  });

  it("holds each workload kind's root, with the Pod's types left to the Pod schema", () => {
    const pod = JSON.parse(readFileSync(join(schemasDir, 'pod-v1.20.json'), 'utf8'));
    const w = JSON.parse(readFileSync(join(schemasDir, 'workloads-v1.20.json'), 'utf8'));
    assert.deepEqual(Object.keys(w.roots), ['PodTemplate', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
    assert.equal(w.types.DeploymentSpec.properties.template.ref, 'PodTemplateSpec');
    assert.ok(pod.types.PodSpec && !w.types.PodSpec, 'PodSpec only in the Pod schema');
    // 1.20 serves CronJob as batch/v1beta1 only, and its description says so.
    assert.match(w.types.CronJob.description, /CronJob represents the configuration of a single cron job/);
    const w35 = JSON.parse(readFileSync(join(schemasDir, 'workloads-v1.35.json'), 'utf8'));
    assert.equal(w35.types.CronJobSpec.properties.timeZone.since, '1.24');
    assert.equal(w.later.CronJobSpec.timeZone, '+1.24');
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

  it("offers the workload kinds' own values as suggest, not enum: the rules check them", () => {
    const w = JSON.parse(readFileSync(join(schemasDir, 'workloads-v1.35.json'), 'utf8'));
    const strategyType = w.types.DeploymentStrategy.properties.type;
    assert.deepEqual(strategyType.suggest, ['Recreate', 'RollingUpdate']);
    assert.equal(strategyType.enum, undefined);
    assert.deepEqual(w.types.PodFailurePolicyRule.properties.action.suggest, ['Count', 'FailIndex', 'FailJob', 'Ignore']);
    const w28 = JSON.parse(readFileSync(join(schemasDir, 'workloads-v1.28.json'), 'utf8'));
    assert.deepEqual(w28.types.PodFailurePolicyRule.properties.action.suggest, ['Count', 'FailJob', 'Ignore']);
    assert.equal(w28.types.JobSpec.properties.podReplacementPolicy.suggest, undefined, 'JobPodReplacementPolicy off by default in 1.28');
    for (const file of readdirSync(schemasDir).filter((f) => f.startsWith('workloads-'))) {
      const types = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')).types as Record<
        string,
        { properties: Record<string, { enum?: unknown; suggest?: unknown }> }
      >;
      for (const [name, type] of Object.entries(types))
        for (const [prop, field] of Object.entries(type.properties)) assert.ok(!(field.enum && field.suggest), `${file} ${name}.${prop} has enum and suggest`);
    }
  });
});
