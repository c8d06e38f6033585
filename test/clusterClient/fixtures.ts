// Shared by the cluster-client tests: temp files, kubeconfigs pointing at the local API server,
// and certificates made with openssl from the local cluster's CA.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { type ClusterEndpoint, KubeClient, endpointForServer, loadKubeconfig, resolveContext } from '../../client/src/cluster';
import { type Cluster, createNamespace, deleteNamespace } from '../cluster/helper';

export function tempDir(prefix = 'pm-cluster-'): { dir: string; file(name: string, content: string | object): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, typeof content === 'string' ? content : stringify(content));
      return p;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A one-context kubeconfig for the local cluster with the given user and cluster fields. */
export function kubeconfigFor(cluster: Cluster, user: Record<string, unknown>, clusterFields: Record<string, unknown> = {}, namespace?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server: cluster.server, 'certificate-authority': cluster.caFile, ...clusterFields } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'local', user: 'u', ...(namespace ? { namespace } : {}) } }],
    'current-context': 'ctx',
  };
}

export async function endpointFromFile(file: string, context?: string): Promise<ClusterEndpoint> {
  return resolveContext(await loadKubeconfig({ files: [file] }), context);
}

export function adminClient(cluster: Cluster, namespace?: string): KubeClient {
  return new KubeClient(endpointForServer({ server: cluster.server, token: cluster.adminToken, ca: cluster.ca, namespace, label: 'context "test-admin"' }));
}

/** A namespace of one test file's own (createNamespace), with a client of the cluster's admin in it. */
export async function createAdminNamespace(prefix: string): Promise<{ cluster: Cluster; ns: string; admin: KubeClient }> {
  const { cluster, ns } = await createNamespace(prefix);
  return { cluster, ns, admin: adminClient(cluster, ns) };
}

/** Closes the client, deletes the namespace, releases the cluster: what createAdminNamespace made. */
export async function deleteAdminNamespace(cluster: Cluster | undefined, ns: string | undefined, admin: KubeClient | undefined): Promise<void> {
  admin?.close();
  await deleteNamespace(cluster, ns);
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A client certificate for `cn` in group `org`, signed by the local cluster's CA. */
export function clientCertificate(cluster: Cluster, dir: string, cn: string, org: string): { cert: string; key: string } {
  const key = path.join(dir, `${cn}.key`);
  const csr = path.join(dir, `${cn}.csr`);
  const cert = path.join(dir, `${cn}.crt`);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/O=${org}/CN=${cn}`], dir);
  const caKey = path.join(path.dirname(cluster.caFile), 'ca.key');
  const serial = `0x${Date.now().toString(16)}${process.pid.toString(16)}`;
  openssl(['x509', '-req', '-in', csr, '-CA', cluster.caFile, '-CAkey', caKey, '-set_serial', serial, '-out', cert, '-days', '1'], dir);
  return { cert, key };
}

/** A self-signed CA that signed nothing the cluster uses. */
export function otherCa(dir: string): string {
  const crt = path.join(dir, 'other-ca.crt');
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path.join(dir, 'other-ca.key'),
      '-out',
      crt,
      '-days',
      '1',
      '-subj',
      '/CN=not-the-cluster-ca',
    ],
    dir,
  );
  return crt;
}
