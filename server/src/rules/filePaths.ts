/**
 * The checks on a file path written in the Pod — volume items, projected files, subPath and
 * subPathExpr, hostPath, gitRepo's directory, fileKeyRef, seccomp profiles (validatePathNoBacksteps,
 * validateLocalDescendingPath, validateLocalNonReservedPath in pkg/apis/core/validation/validation.go).
 *
 * `shown`: where the error is shown when the server names another path (a downward API item's
 * errors are named after its volume; a subPath's after `volumeMounts`, without the index).
 */
import { at, FieldError, invalid } from './errors';
import type { FieldPath } from '../path/fieldPath';

/** Go's path.IsAbs. */
export const isAbs = (p: string) => p.startsWith('/');

/** An error whose path the server names differently from where it is written. */
export const place = (e: FieldError, shown: FieldPath | undefined): FieldError => (shown ? at(e, shown) : e);

/** A `..` element. */
export const hasBacksteps = (target: string) => target.split('/').includes('..');

/** validatePathNoBacksteps: no `..` element. */
export function pathNoBacksteps(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  if (!hasBacksteps(target)) return [];
  return [place(invalid(path, target, "must not contain '..'"), shown)];
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function localDescendingPath(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isAbs(target)) errs.push(place(invalid(path, target, 'must be a relative path'), shown));
  errs.push(...pathNoBacksteps(target, path, shown));
  return errs;
}

/** validateLocalNonReservedPath (ValidateLocalNonReservedPath from 1.30): also not starting with `..`. */
export function localNonReservedPath(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  const errs = localDescendingPath(target, path, shown);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(place(invalid(path, target, "must not start with '..'"), shown));
  return errs;
}
