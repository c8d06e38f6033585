/**
 * What the API server sends besides the object: the metav1.Status body of a failure (turned
 * into the typed errors of errors.ts) and the `Warning:` headers of any answer.
 */
import {
  type ApiStatusError,
  BadRequestError,
  ConflictError,
  type ErrorTarget,
  ForbiddenError,
  HttpStatusError,
  InvalidError,
  NotFoundError,
  ServerError,
  UnauthorizedError,
} from './errors';

export interface StatusCause {
  reason?: string;
  message?: string;
  /** `spec.containers[0].ports[0].containerPort` (422) or `.spec.containers[name="app"].image` (409) */
  field?: string;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
}

/** The body as a Status, when it is one. */
export function parseStatus(body: string): KubeStatus | undefined {
  try {
    const v = JSON.parse(body);
    return v && typeof v === 'object' && v.kind === 'Status' ? (v as KubeStatus) : undefined;
  } catch {
    return undefined;
  }
}

export function errorFromResponse(target: ErrorTarget, statusCode: number, body: string): ApiStatusError {
  const status = parseStatus(body);
  const text = body.trim();
  const serverMessage = status?.message || (text ? text.slice(0, 2000) : `HTTP ${statusCode}`);
  switch (statusCode) {
    case 400:
      return new BadRequestError(target, status, serverMessage);
    case 401:
      return new UnauthorizedError(target, status, serverMessage);
    case 403:
      return new ForbiddenError(target, status, serverMessage);
    case 404:
      return new NotFoundError(target, status, serverMessage);
    case 409:
      return new ConflictError(target, status, serverMessage);
    case 422:
      return new InvalidError(target, status, serverMessage);
    case 500:
      return new ServerError(target, status, serverMessage);
    default:
      return new HttpStatusError(target, statusCode, status, serverMessage);
  }
}

/**
 * The texts of the `Warning:` headers (RFC 7234 form `299 - "text"`, as apiserver sends them).
 * Read from the raw headers: Node joins repeated headers with ", ", which a text may contain.
 */
export function warningsOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== 'warning') continue;
    out.push(...parseWarningHeader(rawHeaders[i + 1]));
  }
  return out;
}

export function parseWarningHeader(value: string): string[] {
  const out: string[] = [];
  // warn-code SP warn-agent SP quoted-text [SP quoted-date], several separated by commas
  const re = /\s*(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(value))) {
    out.push(m[3].replace(/\\(.)/g, '$1'));
    end = re.lastIndex;
    if (end >= value.length) break;
  }
  if (out.length === 0 || end < value.trimEnd().length) return value.trim() ? [value.trim()] : [];
  return out;
}
