/**
 * What the API server sends besides the object: the metav1.Status body of a failure (turned
 * into the typed errors of errors.ts) and the `Warning:` headers of any answer.
 */
import type { Status } from '../../../protocol/status';
import { type ApiStatusError, type ErrorTarget, statusError } from './errors';

/** The body as a Status, when it is one. */
export function parseStatus(body: string): Status | undefined {
  try {
    const v = JSON.parse(body);
    return v && typeof v === 'object' && v.kind === 'Status' ? (v as Status) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A failed answer as a Status: the server's own, or, when the body is not one (a proxy's error
 * page), one made of the code and the body's text. Every failure then has the one shape the
 * errors, the commands and the language server's cluster diagnostics read.
 */
export function statusOf(statusCode: number, body: string): Status {
  const parsed = parseStatus(body);
  const text = body.trim();
  const message = parsed?.message || (text ? text.slice(0, 2000) : `HTTP ${statusCode}`);
  return { status: 'Failure', ...parsed, kind: 'Status', code: statusCode, message };
}

export function errorFromResponse(target: ErrorTarget, statusCode: number, body: string): ApiStatusError {
  return statusError(target, statusOf(statusCode, body));
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
