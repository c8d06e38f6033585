/**
 * One error class per way a cluster call can fail, so the UI can switch on `kind` and show one
 * notification that says what happened, where (context and server) and what to do. Messages
 * are built here, once, and never contain a credential: nothing that holds a token is passed in.
 */
import type { Status, StatusCause } from '../../../protocol/status';

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
  constructor(
    message: string,
    readonly file?: string,
  ) {
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
  constructor(
    target: ErrorTarget,
    readonly code: string,
  ) {
    super(`Connection refused by ${where(target)}. Is the cluster running, and is the server address in the kubeconfig right?`, target);
  }
}

export class DnsError extends ClusterError {
  readonly kind = 'dns';
  constructor(
    target: ErrorTarget,
    readonly host: string,
    readonly code: string,
  ) {
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
      return (
        `TLS: the certificate of ${w} is not signed by a CA this client trusts (${code}). ` +
        "Check the cluster's certificate-authority / certificate-authority-data in the kubeconfig (or the CA given with the server setting)."
      );
    case 'hostname-mismatch':
      return (
        `TLS: the certificate of ${w} is not valid for the name used to reach it: ${detail}. ` +
        'Use an address the certificate names, or set tls-server-name in the kubeconfig.'
      );
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
  constructor(
    target: ErrorTarget,
    readonly timeoutMs: number,
  ) {
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
  constructor(
    target: ErrorTarget,
    readonly code: string,
    detail: string,
  ) {
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

/** An answer with an error status; STATUS_ERRORS below gives its class, kind and message by the status code. */
export abstract class ApiStatusError extends ClusterError {
  constructor(
    target: ErrorTarget,
    /** the server's Status, or one made of the code and the body's text when the body was not one */
    readonly status: Status,
  ) {
    super((STATUS_ERRORS[status.code]?.words ?? httpWords)(where(target), status.message ?? '', status), target);
  }
  get kind(): ClusterErrorKind {
    return STATUS_ERRORS[this.status.code]?.kind ?? 'http';
  }
  get statusCode(): number {
    return this.status.code;
  }
  /** the server's own words (Status.message, or the body's text) */
  get serverMessage(): string {
    return this.status.message ?? '';
  }
  get causes(): StatusCause[] {
    return this.status.details?.causes ?? [];
  }
}

// One class per error status, for `instanceof`.
export class BadRequestError extends ApiStatusError {}
export class UnauthorizedError extends ApiStatusError {}
export class ForbiddenError extends ApiStatusError {}
export class NotFoundError extends ApiStatusError {}
/** 422: the object fails validation; each cause names a field path. */
export class InvalidError extends ApiStatusError {}
/** 500, e.g. "failed to create typed patch object ... duplicate entries for key [name="app"]". */
export class ServerError extends ApiStatusError {}
/** Any other error status. */
export class HttpStatusError extends ApiStatusError {}

/** 409 from server-side apply: fields that another field manager owns. */
export class ConflictError extends ApiStatusError {
  /** the conflicting fields as server-side apply names them, e.g. `.spec.containers[name="app"].image` */
  readonly fields = this.causes.map((c) => c.field).filter((f): f is string => !!f);
}

/** The error of an answer with this Status (its code is the answer's HTTP status). */
export function statusError(target: ErrorTarget, status: Status): ApiStatusError {
  return new (STATUS_ERRORS[status.code]?.error ?? HttpStatusError)(target, status);
}

/** What the user reads: where the request went, the server's words, what to do. */
type Words = (where: string, said: string, status: Status) => string;

const httpWords: Words = (w, said, s) => `${w} answered HTTP ${s.code}: ${said}`;

/** Each error status the API server answers with. */
const STATUS_ERRORS: Record<number, { error: new (target: ErrorTarget, status: Status) => ApiStatusError; kind: ClusterErrorKind; words: Words }> = {
  400: { error: BadRequestError, kind: 'bad-request', words: (w, said) => `${w} refused the request (400 Bad Request): ${said}` },
  401: {
    error: UnauthorizedError,
    kind: 'unauthorized',
    words: (w) =>
      `${w} did not accept the credentials (401 Unauthorized). Log in again, or check the token, client certificate or credential plugin of this context.`,
  },
  403: {
    error: ForbiddenError,
    kind: 'forbidden',
    words: (w, said) => `Forbidden (403) by ${w}: ${said}. Ask a cluster administrator for the permission, or switch to a context that has it.`,
  },
  404: { error: NotFoundError, kind: 'not-found', words: (w, said) => `Not found (404) on ${w}: ${said}` },
  409: {
    error: ConflictError,
    kind: 'conflict',
    words: (w, said, s) => {
      const fields = (s.details?.causes ?? []).filter((c) => c.field).map((c) => `${c.field}${c.message ? ` (${c.message})` : ''}`);
      return fields.length
        ? `Apply conflict on ${w}: ${fields.join('; ')}. Another field manager owns these fields; "Force apply" takes them over.`
        : `Conflict (409) on ${w}: ${said}`;
    },
  },
  422: { error: InvalidError, kind: 'invalid', words: (w, said) => `${w} rejected the object (422 Invalid): ${said}` },
  500: { error: ServerError, kind: 'server-error', words: (w, said) => `${w} failed (500): ${said}` },
};

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

/** Any failure of a call as a ClusterError (what is not one already was the network's). */
export function asClusterError(err: unknown, target: ErrorTarget): ClusterError {
  if (err instanceof ClusterError) return err;
  return new NetworkError(target, 'ERROR', err instanceof Error ? err.message : String(err));
}

/** Whether trying again may help: the network, or a server that is busy or restarting (429, 502–504). */
export function retryable(err: ClusterError): boolean {
  if (['connection-refused', 'dns', 'timeout', 'network', 'proxy'].includes(err.kind)) return true;
  return err instanceof ApiStatusError && err.kind === 'http' && [429, 502, 503, 504].includes(err.statusCode);
}
