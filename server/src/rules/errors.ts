/**
 * Field errors as apimachinery's validation/field package makes and prints them, so a rule's
 * message is the API server's: `spec.containers[1].name: Duplicate value: "app"`.
 */
import type { FieldPath } from '../path/fieldPath';
import { goSlice } from './goPrint';

export type FieldErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'NotFound' | 'Forbidden' | 'TooLong' | 'TooMany';

export interface FieldError {
  type: FieldErrorType | 'Warning';
  /** The path the message names. */
  path: FieldPath;
  /** Where the fault is written, when not at `path` (label errors name `metadata.labels`, sit on the key). */
  at?: FieldPath;
  value?: unknown;
  detail: string;
  /** On the field's key (a field that must not be there) or its value (the default). */
  target: 'key' | 'value';
  severity: 'error' | 'warning';
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  NotFound: 'Not found',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
};

const error = (type: FieldErrorType, path: FieldPath, value: unknown, detail: string, target: 'key' | 'value' = 'value'): FieldError => ({
  type,
  path,
  value,
  detail,
  target,
  severity: 'error',
});

export const required = (path: FieldPath, detail = '') => error('Required', path, undefined, detail, 'key');
export const invalid = (path: FieldPath, value: unknown, detail: string) => error('Invalid', path, value, detail);
/** field.OmitValueType{}: a bad value the message leaves out. */
const OMIT_VALUE = Symbol('field.OmitValueType');
/** field.Invalid(path, field.OmitValueType{}, detail): `path: Invalid value: detail`, no value printed. */
export const invalidOmitValue = (path: FieldPath, detail: string) => error('Invalid', path, OMIT_VALUE, detail);
export const notSupported = (path: FieldPath, value: unknown, valid: readonly string[]) =>
  error('NotSupported', path, value, valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '');
export const duplicate = (path: FieldPath, value: unknown) => error('Duplicate', path, value, '');
export const notFound = (path: FieldPath, value: unknown) => error('NotFound', path, value, '');
/** A field that may not be set here: shown on its key. */
export const forbidden = (path: FieldPath, detail: string) => error('Forbidden', path, undefined, detail, 'key');
export const tooLong = (path: FieldPath, value: unknown, max: number) => error('TooLong', path, value, `must have at most ${max} bytes`);
export const tooMany = (path: FieldPath, actual: number, max: number) => error('TooMany', path, actual, `must have at most ${max} items`);

/** What the server returns as a `Warning:` header rather than an error (pkg/api/pod/warnings.go). */
export const warning = (path: FieldPath, message: string, target: 'key' | 'value' = 'key'): FieldError => ({
  type: 'Warning',
  path,
  detail: message,
  target,
  severity: 'warning',
});

/** The same error shown at another node than the one its path names. */
export const at = (e: FieldError, where: FieldPath, target: 'key' | 'value' = e.target): FieldError => ({ ...e, at: where, target });

/**
 * The error with its paths under `from` moved under `to` (FieldPath.reroot; a path outside `from`
 * stays as it is). What moves:
 * - `both` (the default): what it names and where it is shown — the same check run at another
 *   place (a container that moved: memo.ts);
 * - `named`: only what it names, still shown where it was written (the server checks an
 *   ephemeral container as a one-item list, `spec.ephemeralContainers[0][0]…`);
 * - `shown`: only where it is shown, named as the server names it (`persistentDisk` errors shown
 *   on `gcePersistentDisk`, a downward API item's errors named after its volume).
 */
export function reroot(e: FieldError, from: FieldPath, to: FieldPath, move: 'both' | 'named' | 'shown' = 'both'): FieldError {
  if (move === 'shown') return { ...e, at: (e.at ?? e.path).reroot(from, to) };
  const moved: FieldError = { ...e, path: e.path.reroot(from, to) };
  if (move === 'named') moved.at = e.at ?? e.path;
  else if (e.at) moved.at = e.at.reroot(from, to);
  return moved;
}

/**
 * field.Error.Error(): `path: Type: value: detail`, the value printed as Go's %q / %v would (none
 * for Required, Forbidden, TooLong and an omitted value: ErrorBody).
 */
export function errorMessage(e: FieldError): string {
  if (e.type === 'Warning') return `${e.path}: ${e.detail}`;
  let body: string = TYPE_TEXT[e.type];
  if (e.type !== 'Required' && e.type !== 'Forbidden' && e.type !== 'TooLong' && e.value !== OMIT_VALUE) body += `: ${goValue(e.value)}`;
  if (e.detail) body += `: ${e.detail}`;
  return `${e.path}: ${body}`;
}

/** A bad value already written the way Go's %#v prints it (a struct, say). */
export class GoValue {
  constructor(readonly text: string) {}
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoValue) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // %#v of a []string: []string{"a", "b"}
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goSlice('string', v, (x) => JSON.stringify(x));
  return JSON.stringify(v);
}
