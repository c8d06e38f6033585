/**
 * What a rule gets: the decoded Pod (plain JSON, possibly of wrong types where the schema check
 * already complained: rules read it through the guards below) and the Kubernetes version.
 */
import type { JsonValue } from '../yaml/decode';
import { compareVersions } from '../schema/versions';
import type { FieldError } from './errors';

export type Obj = { [key: string]: JsonValue };

export interface RuleContext {
  /** "1.20", "1.23" … "1.35": the version whose rules apply. */
  version: string;
  /**
   * Set when the Pod rules run over a workload's Pod template (ValidatePodTemplateSpec rather than
   * ValidatePodCreate): no object name (so no generated PVC names), only labels and annotations of
   * the template's metadata, ephemeral containers never allowed.
   */
  template?: boolean;
}

export const atLeast = (ctx: RuleContext, version: string) => compareVersions(ctx.version, version) >= 0;

/** A rule: one area of ValidatePodCreate, a pure function of the Pod. */
export type Rule = (pod: Obj, ctx: RuleContext) => FieldError[];

/**
 * A workload kind's own rules (ValidateDeployment, ValidateJob, …) over the whole decoded object,
 * paths from its root (`spec.replicas`, `spec.template.spec.restartPolicy`). Not included, since
 * rules/workloads.ts runs them for every kind: the object's ValidateObjectMeta (metadataRules)
 * and ValidatePodTemplateSpec of its template (the Pod rules at the template's path).
 */
export type KindRule = (object: Obj, ctx: RuleContext) => FieldError[];

export const obj = (v: JsonValue | undefined): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined);
export const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
export const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: JsonValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
/** An integer the API would decode (the schema check reports anything else). */
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const bool = (v: JsonValue | undefined): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
/** Written and not null: a Go pointer (or slice, map) that is not nil. */
export const present = (v: JsonValue | undefined): boolean => v !== undefined && v !== null;
/** A string field's value once decoded into Go: a missing or null string is "". */
export const goStr = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/** Each item of a list that is an object, with its index (an item of another type is the schema check's). */
export function eachObj(list: JsonValue | undefined, visit: (o: Obj, i: number) => void): void {
  const items = arr(list);
  for (let i = 0; i < items.length; i++) {
    const o = obj(items[i]);
    if (o) visit(o, i);
  }
}
