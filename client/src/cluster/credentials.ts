/**
 * Turns an endpoint's AuthConfig into what one request carries: an Authorization header and/or
 * a client certificate. Precedence as in client-go: an exec plugin, else tokenFile over token,
 * else basic auth; a client certificate from the kubeconfig goes along with any of them.
 */
import fs from 'node:fs/promises';
import type { ClusterEndpoint } from './endpoint';
import { KubeconfigError } from './errors';
import { type ExecCredentialCache, defaultExecCache } from './execCredentials';

export interface Credentials {
  authorization?: string;
  clientCert?: Buffer;
  clientKey?: Buffer;
}

export class CredentialSource {
  constructor(
    private readonly ep: ClusterEndpoint,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly execCache: ExecCredentialCache = defaultExecCache,
  ) {}

  /** Worth retrying once after a 401: the credential may be new by then. */
  get refreshable(): boolean {
    return !!(this.ep.auth.exec || this.ep.auth.tokenFile);
  }

  async get(): Promise<Credentials> {
    const a = this.ep.auth;
    const out: Credentials = { clientCert: a.clientCert, clientKey: a.clientKey };
    if (a.exec) {
      const cred = await this.execCache.get(a.exec, this.env, this.ep);
      if (cred.token) out.authorization = `Bearer ${cred.token}`;
      if (cred.clientCert) {
        out.clientCert = cred.clientCert;
        out.clientKey = cred.clientKey;
      }
    } else if (a.tokenFile) {
      let token: string;
      try {
        token = (await fs.readFile(a.tokenFile, 'utf8')).trim();
      } catch (err) {
        throw new KubeconfigError(
          `Cannot read the tokenFile ${a.tokenFile} of ${this.ep.label}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
      if (token) out.authorization = `Bearer ${token}`;
    } else if (a.token) {
      out.authorization = `Bearer ${a.token}`;
    } else if (a.username || a.password) {
      out.authorization = `Basic ${Buffer.from(`${a.username ?? ''}:${a.password ?? ''}`).toString('base64')}`;
    }
    return out;
  }

  /** After a 401. */
  invalidate(): void {
    if (this.ep.auth.exec) this.execCache.invalidate(this.ep.auth.exec);
  }
}
