/**
 * What every check returns: a problem at a span of one document, in the API server's words.
 * The LSP adapter turns these into diagnostics; nothing here knows about LSP.
 */
import type { Span } from '../yaml/decode';

export type Severity = 'error' | 'warning' | 'information';

/** Stable codes, shown with each diagnostic and used by quick fixes and tests. */
export type ProblemCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'too-complex'
  | 'unknown-field'
  | 'unavailable-field'
  | 'wrong-type'
  | 'unsupported-value'
  | 'invalid-quantity'
  | 'required'
  | 'wrong-api-version'
  | 'deprecated-api-version'
  | 'wrong-kind'
  | 'missing-kind'
  | 'missing-api-version'
  // The API server's rules (server/src/rules):
  | 'invalid-value'
  | 'duplicate-value'
  | 'not-found'
  | 'forbidden'
  | 'too-long'
  | 'too-many'
  | 'warning'
  // Names that point at names, where the server does not look (nameChecks.ts):
  | 'unresolved-name'
  | 'selects-nothing'
  // Pod Security Admission (podSecurity.ts): `pod-security/<check ID>`.
  | `pod-security/${string}`;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** Offsets within the document part. */
  span: Span;
  /** The API server's field path, when the problem is about a field. */
  path?: string;
  /** Text that fixes the problem when it replaces `span` (a quick fix). */
  replacement?: string;
}
