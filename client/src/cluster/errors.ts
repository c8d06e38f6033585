/**
 * One error class per way a cluster call can fail, so the UI can switch on `kind` and show one
 * notification that says what happened, where (context and server) and what to do. Messages
 * are built here, once, and never contain a credential: nothing that holds a token is passed in.
 */
import type { KubeStatus, StatusCause } from './kubeStatus';

export type ClusterErrorKind =
  | 'kubeconfig'
  | 'auth-plugin'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'proxy'
  | 'network'
  | 'aborted'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'server-error'
  | 'http'
  | 'not-scheduled';

/** Where a request went, as messages name it. */
export interface ErrorTarget {
  /** e.g. `context "dev"`, or `the podManifests.api.server setting` */
  label: string;
  server: string;
}

export abstract class ClusterError extends Error {
  abstract readonly kind: ClusterErrorKind;
  /** server `Warning:` headers received with the failing answer, if any */
  warnings: string[] = [];
  constructor(
    message: string,
    readonly target: ErrorTarget | undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const where = (t: ErrorTarget | undefined) => (t ? `${t.server} (${t.label})` : 'the API server');

/** The kubeconfig (or the settings) cannot be used as they are. */
export class KubeconfigError extends ClusterError {
  readonly kind = 'kubeconfig';
  constructor(message: string, readonly file?: string) {
    super(file ? `${message} (kubeconfig ${file})` : message, undefined);
  }
}

/** An exec credential plugin could not be run or gave no usable credential. */
export class AuthPluginError extends ClusterError {
  readonly kind = 'auth-plugin';
  constructor(
    message: string,
    target: ErrorTarget | undefined,
    /** the tail of what the plugin wrote to stderr */
    readonly stderr = '',
  ) {
    super(stderr ? `${message}\n${stderr}` : message, target);
  }
}

// ---- the request never got an HTTP answer ----

export class ConnectionRefusedError extends ClusterError {
  readonly kind = 'connection-refused';
  constructor(target: ErrorTarget, readonly code: string) {
    super(`Connection refused by ${where(target)}. Is the cluster running, and is the server address in the kubeconfig right?`, target);
  }
}

export class DnsError extends ClusterError {
  readonly kind = 'dns';
  constructor(target: ErrorTarget, readonly host: string, readonly code: string) {
    super(`Cannot resolve the host "${host}" of ${where(target)} (${code}). Check the server address, your network or VPN.`, target);
  }
}

export type TlsFailure = 'unknown-ca' | 'hostname-mismatch' | 'expired' | 'client-certificate' | 'other';

export class TlsError extends ClusterError {
  readonly kind = 'tls';
  constructor(
    target: ErrorTarget,
    readonly failure: TlsFailure,
    readonly code: string,
    detail: string,
  ) {
    super(tlsMessage(target, failure, code, detail), target);
  }
}

function tlsMessage(t: ErrorTarget, failure: TlsFailure, code: string, detail: string): string {
  const w = where(t);
  switch (failure) {
    case 'unknown-ca':
      return `TLS: the certificate of ${w} is not signed by a CA this client trusts (${code}). Check the cluster's certificate-authority / certificate-authority-data in the kubeconfig (or the CA given with the server setting).`;
    case 'hostname-mismatch':
      return `TLS: the certificate of ${w} is not valid for the name used to reach it: ${detail}. Use an address the certificate names, or set tls-server-name in the kubeconfig.`;
    case 'expired':
      return `TLS: the certificate of ${w} is expired or not yet valid (${code}). Check the server's certificate and this machine's clock.`;
    case 'client-certificate':
      return `TLS: ${w} refused the client certificate (${code}: ${detail}). Check client-certificate / client-key of the user in the kubeconfig.`;
    default:
      return `TLS handshake with ${w} failed (${code}): ${detail}. Is the server address an HTTPS API server?`;
  }
}

export class TimeoutError extends ClusterError {
  readonly kind = 'timeout';
  constructor(target: ErrorTarget, readonly timeoutMs: number) {
    super(`${where(target)} did not answer within ${formatMs(timeoutMs)}. Check the network, proxy and that the cluster is up.`, target);
  }
}

export class ProxyError extends ClusterError {
  readonly kind = 'proxy';
  constructor(target: ErrorTarget, proxy: string, detail: string) {
    super(`The proxy ${proxy} did not open a tunnel to ${where(target)}: ${detail}. Check proxy-url, HTTPS_PROXY and NO_PROXY.`, target);
  }
}

export class NetworkError extends ClusterError {
  readonly kind = 'network';
  constructor(target: ErrorTarget, readonly code: string, detail: string) {
    super(`Network error talking to ${where(target)} (${code}): ${detail}.`, target);
  }
}

export class AbortedError extends ClusterError {
  readonly kind = 'aborted';
  constructor(target: ErrorTarget) {
    super(`The request to ${where(target)} was cancelled.`, target);
  }
}

// ---- the API server answered with an error status ----

export abstract class ApiStatusError extends ClusterError {
  constructor(
    message: string,
    target: ErrorTarget,
    readonly statusCode: number,
    /** the server's `Status` object, when the body was one */
    readonly status: KubeStatus | undefined,
    /** the server's own words (Status.message, or the body text) */
    readonly serverMessage: string,
  ) {
    super(message, target);
  }
  get causes(): StatusCause[] {
    return this.status?.details?.causes ?? [];
  }
}

export class BadRequestError extends ApiStatusError {
  readonly kind = 'bad-request';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(`${where(target)} refused the request (400 Bad Request): ${serverMessage}`, target, 400, status, serverMessage);
  }
}

export class UnauthorizedError extends ApiStatusError {
  readonly kind = 'unauthorized';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(
      `${where(target)} did not accept the credentials (401 Unauthorized). Log in again, or check the token, client certificate or credential plugin of this context.`,
      target,
      401,
      status,
      serverMessage,
    );
  }
}

export class ForbiddenError extends ApiStatusError {
  readonly kind = 'forbidden';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(
      `Forbidden (403) by ${where(target)}: ${serverMessage}. Ask a cluster administrator for the permission, or switch to a context that has it.`,
      target,
      403,
      status,
      serverMessage,
    );
  }
}

export class NotFoundError extends ApiStatusError {
  readonly kind = 'not-found';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(`Not found (404) on ${where(target)}: ${serverMessage}`, target, 404, status, serverMessage);
  }
}

/** 409 from server-side apply: fields that another field manager owns. */
export class ConflictError extends ApiStatusError {
  readonly kind = 'conflict';
  /** the conflicting fields as server-side apply names them, e.g. `.spec.containers[name="app"].image` */
  readonly fields: string[];
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    const causes = status?.details?.causes ?? [];
    const fields = causes.map((c) => c.field).filter((f): f is string => !!f);
    const list = causes.filter((c) => c.field).map((c) => `${c.field}${c.message ? ` (${c.message})` : ''}`);
    super(
      list.length
        ? `Apply conflict on ${where(target)}: ${list.join('; ')}. Another field manager owns these fields; "Force apply" takes them over.`
        : `Conflict (409) on ${where(target)}: ${serverMessage}`,
      target,
      409,
      status,
      serverMessage,
    );
    this.fields = fields;
  }
}

/** 422: the object fails validation; each cause names a field path. */
export class InvalidError extends ApiStatusError {
  readonly kind = 'invalid';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(`${where(target)} rejected the object (422 Invalid): ${serverMessage}`, target, 422, status, serverMessage);
  }
}

/** 500, e.g. "failed to create typed patch object ... duplicate entries for key [name="app"]". */
export class ServerError extends ApiStatusError {
  readonly kind = 'server-error';
  constructor(target: ErrorTarget, status: KubeStatus | undefined, serverMessage: string) {
    super(`${where(target)} failed (500): ${serverMessage}`, target, 500, status, serverMessage);
  }
}

export class HttpStatusError extends ApiStatusError {
  readonly kind = 'http';
  constructor(target: ErrorTarget, statusCode: number, status: KubeStatus | undefined, serverMessage: string) {
    super(`${where(target)} answered HTTP ${statusCode}: ${serverMessage}`, target, statusCode, status, serverMessage);
  }
}

/** pods/NAME/log answers 204 while the Pod has no node. */
export class PodNotScheduledError extends ClusterError {
  readonly kind = 'not-scheduled';
  constructor(target: ErrorTarget, namespace: string, pod: string) {
    super(
      `Pod "${pod}" in namespace "${namespace}" is not scheduled to a node yet, so it has no logs (204 from ${where(target)}). Wait until it is scheduled.`,
      target,
    );
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
