// kubernetesVersion "cluster": the real server's own OpenAPI document, sent to the language
// server over LSP, converted the way the bundled schemas are, and used for diagnostics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ClusterSchemaRequest, ClusterSchemaResult } from '../../protocol/messages';
import type { PodSchema } from '../../server/src/schema/types';
import { LspClient } from '../helpers/lspClient';
import { type Cluster, useCluster } from './helper';

let cluster: Cluster;
let lsp: LspClient;
before(async () => {
  cluster = await useCluster();
  lsp = await LspClient.start({ settings: { podManifests: { kubernetesVersion: 'cluster' } } });
});
after(async () => {
  await lsp?.stop();
  cluster?.release();
});

/** The bundled schema without what only a comparison of versions can know. */
function withoutHistory(schema: PodSchema) {
  const copy = JSON.parse(JSON.stringify(schema.types)) as PodSchema['types'];
  for (const type of Object.values(copy)) for (const f of Object.values(type.properties)) delete f.since;
  return copy;
}

describe("the cluster's own schema", () => {
  test("the v1.20.2 server's /openapi/v2 converts to the bundled 1.20 schema and is used", async () => {
    const version = (await cluster.request('GET', '/version')).json<{ gitVersion: string }>();
    const openapi = (await cluster.request('GET', '/openapi/v2', { timeoutMs: 60_000 })).json();
    const result = await lsp.request<ClusterSchemaResult & { schema: PodSchema }>(ClusterSchemaRequest.method, { gitVersion: version.gitVersion, openapi });
    assert.equal(result.version, '1.20');
    const bundled = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'schemas', 'pod-v1.20.json'), 'utf8')) as PodSchema;
    assert.deepEqual(result.schema.types, withoutHistory(bundled));

    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  restartPolicy: Sometimes\n  containers: [{name: a, image: nginx}]\n';
    const diagnostics = await lsp.open('file:///cluster/p.yaml', text);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        'strict decoding error: unknown field "spec.hostUsers"',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    );
  });

  test('a cached schema is taken as it is, and null goes back to the bundled one', async () => {
    const bundled = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'schemas', 'pod-v1.23.json'), 'utf8')) as PodSchema;
    const result = await lsp.request<ClusterSchemaResult>(ClusterSchemaRequest.method, { gitVersion: 'v1.23.17', schema: bundled });
    assert.equal(result.version, '1.23');
    const uri = 'file:///cluster/q.yaml';
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  hostUsers: false\n  containers: [{name: a, image: nginx}]\n';
    assert.deepEqual(
      (await lsp.open(uri, text)).map((d) => d.message),
      ['unknown field "spec.hostUsers": not available in Kubernetes 1.23 (added in 1.25)'],
    );
    const next = lsp.nextPublication(uri);
    assert.equal(await lsp.request(ClusterSchemaRequest.method, null), null);
    assert.deepEqual(await next, []);
  });
});
