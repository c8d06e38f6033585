/**
 * The schema part of validation: the decoded Pod, normalised as Kubernetes' JSON decoding would
 * see it, checked by ajv; each ajv error becomes one Problem on the node that holds the fault,
 * worded as the API server words it.
 */
import type { ErrorObject } from 'ajv';
import { weakCache } from '../caches';
import { pointerSegments, Segment } from '../path/segments';
import { JsonValue, PathIndex, valueAtPath } from '../yaml/decode';
import type { SchemaModel } from '../schema/model';
import { timeError } from '../schema/time';
import { QUANTITY_ERROR } from '../schema/quantity';
import type { Field } from '../schema/types';
import type { Problem } from './problems';
import { closestName } from './suggest';
import { spanOfPath } from './where';

/**
 * The decoded document as the API server's JSON decoding leaves it: `null` is "not set" for a
 * struct field, and the zero value of its type for a map value or list item (`limits: {memory:
 * null}` is a limit of 0). Both checks read this.
 */
export function asDecodedByServer(value: JsonValue, model: SchemaModel): JsonValue {
  return normalise(value, { kind: 'object', ref: model.schema.root }, model);
}

/** `normalised`: asDecodedByServer's value. */
export function checkAgainstSchema(normalised: JsonValue, index: PathIndex, model: SchemaModel): Problem[] {
  const validate = model.validator();
  validate(normalised);
  const errors = validate.errors ?? [];
  const problems: Problem[] = [];
  const typeErrorAt = new Set<string>();
  for (const e of errors) if (e.keyword === 'type') typeErrorAt.add(e.instancePath);
  const seen = new Set<string>();
  for (const error of errors) {
    // A value of the wrong type is one fault, not also an unsupported one.
    if (error.keyword === 'enum' && typeErrorAt.has(error.instancePath)) continue;
    const problem = toProblem(error, normalised, index, model);
    if (!problem) continue;
    // An anchor's fault shows once, though each alias of it repeats it under another path.
    const key = `${problem.span.start}:${problem.span.end}:${problem.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return withoutEchoes(problems);
}

/**
 * A misspelt required field is one fault: `contAIN3rz` is reported as unknown, with "did you mean
 * containers?", and not again as `spec.containers: Required value`.
 */
function withoutEchoes(problems: Problem[]): Problem[] {
  const suggested = new Set<string>();
  for (const p of problems) {
    if (p.code === 'unknown-field' && p.path && p.replacement) suggested.add(p.path.replace(/[^.\]]+$/, p.replacement));
  }
  return suggested.size ? problems.filter((p) => !(p.code === 'required' && p.path && suggested.has(p.path))) : problems;
}

/**
 * Normalised list items by the decoded item they come from: an edit makes a new decoded Pod that
 * shares every part it did not touch (reparse.ts), so the 199 containers an edit of the 200th
 * leaves alone are not normalised again.
 */
const normalisedItems = weakCache<SchemaModel, WeakMap<object, { field: Field; value: JsonValue }>>('schema check: normalised list items');

/**
 * JSON `null` means "not set" to Kubernetes: dropped from structs; a null list item or map value
 * is the zero value of its type. Aliased nodes are shared, so this copies instead of mutating.
 */
function normalise(value: JsonValue, field: Field | undefined, model: SchemaModel): JsonValue {
  if (value === null || typeof value !== 'object' || !field) return value;
  if (Array.isArray(value)) {
    const item = field.kind === 'array' ? field.items : undefined;
    return value.map((v) => (v === null && item ? zeroValue(item) : normaliseItem(v, item, model)));
  }
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) {
    const child = model.child(field, k)?.field;
    if (v === null) {
      if (field.kind === 'map' && child) out[k] = zeroValue(child);
      continue;
    }
    out[k] = normalise(v, child, model);
  }
  return out;
}

function normaliseItem(value: JsonValue, field: Field | undefined, model: SchemaModel): JsonValue {
  if (value === null || typeof value !== 'object' || !field) return value;
  let cache = normalisedItems.get(model);
  if (!cache) cache = normalisedItems.set(model, new WeakMap());
  const known = cache.get(value);
  if (known?.field === field) return known.value;
  const out = normalise(value, field, model);
  cache.set(value, { field, value: out });
  return out;
}

function zeroValue(field: Field): JsonValue {
  switch (field.kind) {
    case 'string':
    case 'time':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'int-or-string':
      return 0;
    case 'quantity':
      return '0';
    default:
      return null;
  }
}

/** Numbers are list indices only where the schema has a list; a map key "0" stays a string. */
function typedSegments(pointer: string, model: SchemaModel): Segment[] {
  let field: Field | undefined = { kind: 'object', ref: model.schema.root };
  return pointerSegments(pointer).map((seg) => {
    const s = field?.kind === 'array' && /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : seg;
    field = field ? model.child(field, s)?.field : undefined;
    return s;
  });
}

/**
 * Fields the OpenAPI documents mark required that the API server does not require: it never
 * enforces OpenAPI `required` on built-in types (a missing value decodes as its zero value), and
 * its validation (pkg/apis/core/validation: validateSysctls, validateHTTPGetAction,
 * validateISCSIVolumeSource, validateScaleIOVolumeSource, ValidatePreferredSchedulingTerms) does
 * not check these. Each is accepted by kube-apiserver v1.20.2 (test/parity/cases/schemaOnlyRequired.yaml).
 */
const NOT_REQUIRED_BY_SERVER = new Set([
  'Sysctl.value',
  'HTTPHeader.value',
  'ISCSIVolumeSource.lun',
  'ScaleIOVolumeSource.secretRef',
  'PreferredSchedulingTerm.preference',
  // A Job's podFailurePolicy: "Defaults to True" (SetDefaults_Job, from 1.25, before validation).
  'PodFailurePolicyOnPodConditionsPattern.status',
  // A workload's template: when it is missing the server validates an empty one and names what
  // that lacks (`spec.template.spec.containers`, …: rules/workloads.ts), not the template.
  'DeploymentSpec.template',
  'DaemonSetSpec.template',
  'ReplicaSetSpec.template',
  'StatefulSetSpec.template',
  'JobSpec.template',
  'CronJobSpec.jobTemplate',
  // Required by the OpenAPI documents until 1.32; by the server never (v1.20.2 accepts a StatefulSet without it).
  'StatefulSetSpec.serviceName',
]);

function toProblem(error: ErrorObject, root: JsonValue, index: PathIndex, model: SchemaModel): Problem | undefined {
  const segments = typedSegments(error.instancePath, model);
  const valueSpan = spanOfPath(index, segments, 'value');
  const path = model.fieldPath(segments);
  if ((error.keyword === 'type' || error.keyword === 'pattern') && model.resolve(segments)?.field.kind === 'quantity') {
    return { code: 'invalid-quantity', severity: 'error', message: `${path}: ${QUANTITY_ERROR}`, span: valueSpan, path };
  }
  if (error.keyword === 'pattern' && model.resolve(segments)?.field.kind === 'time') {
    const value = valueAtPath(root, segments);
    const why = typeof value === 'string' ? timeError(value) : undefined;
    return {
      code: 'wrong-type',
      severity: 'error',
      message: `${path}: ${why ?? `parsing time ${JSON.stringify(value)}: not an RFC 3339 time`}`,
      span: valueSpan,
      path,
    };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const childSegments = [...segments, name];
      const span = spanOfPath(index, childSegments, 'key');
      const childPath = model.fieldPath(childSegments);
      const parent = model.resolve(segments)?.field;
      const typeName = parent?.kind === 'object' ? parent.ref : undefined;
      const other = typeName ? model.otherVersionOf(typeName, name) : undefined;
      if (other) {
        const when = other.added ? `added in ${other.added}` : `removed after ${other.removedAfter}`;
        return {
          code: 'unavailable-field',
          severity: 'error',
          message: `unknown field "${childPath}": not available in Kubernetes ${model.version} (${when})`,
          span,
          path: childPath,
        };
      }
      const known = typeName ? Object.keys(model.type(typeName)?.properties ?? {}) : [];
      const suggestion = closestName(name, known);
      return {
        code: 'unknown-field',
        severity: 'error',
        message: `strict decoding error: unknown field "${childPath}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        span,
        path: childPath,
        replacement: suggestion,
      };
    }
    case 'required': {
      const name = String((error.params as { missingProperty: string }).missingProperty);
      const parent = model.resolve(segments)?.field;
      if (parent?.kind === 'object' && NOT_REQUIRED_BY_SERVER.has(`${parent.ref}.${name}`)) return undefined;
      const childSegments = [...segments, name];
      const childPath = model.fieldPath(childSegments);
      // Present but null (`name:`): the key is there to be filled in. Absent: the parent's key.
      const span = spanOfPath(index, childSegments, 'key');
      return { code: 'required', severity: 'error', message: `${childPath}: Required value`, span, path: childPath };
    }
    case 'enum': {
      const value = valueAtPath(root, segments);
      const field = model.resolve(segments)?.field;
      if (field?.enumInvalid) {
        return {
          code: 'unsupported-value',
          severity: 'error',
          message: `${path}: Invalid value: ${JSON.stringify(value)}: ${field.enumInvalid}`,
          span: valueSpan,
          path,
        };
      }
      const listed = field?.enum ?? (error.params as { allowedValues: string[] }).allowedValues;
      const allowed = listed.map((v) => JSON.stringify(v)).join(', ');
      return {
        code: 'unsupported-value',
        severity: 'error',
        message: `${path}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed}`,
        span: valueSpan,
        path,
      };
    }
    case 'pattern':
    case 'type':
    case 'minimum':
    case 'maximum': {
      const value = valueAtPath(root, segments);
      return { code: 'wrong-type', severity: 'error', message: unmarshalMessage(value, segments, model, error.keyword !== 'type'), span: valueSpan, path };
    }
    default:
      return {
        code: 'wrong-type',
        severity: 'error',
        message: `${path}: Invalid value: ${error.message ?? 'does not match the schema'}`,
        span: valueSpan,
        path,
      };
  }
}

/** encoding/json's UnmarshalTypeError, which is what the API server answers for a wrong type. */
function unmarshalMessage(value: JsonValue | undefined, segments: Segment[], model: SchemaModel, outOfRange: boolean): string {
  const jsonKind =
    typeof value === 'string'
      ? 'string'
      : typeof value === 'boolean'
        ? 'bool'
        : Array.isArray(value)
          ? 'array'
          : typeof value === 'number'
            ? 'number'
            : 'object';
  const shown = typeof value === 'number' && (outOfRange || !Number.isInteger(value)) ? `number ${value}` : jsonKind;
  let field: Field = { kind: 'object', ref: model.schema.root };
  let struct = model.schema.root;
  const names: string[] = [];
  for (const seg of segments) {
    const next = model.child(field, seg);
    if (!next) break;
    if (next.parent) {
      names.push(String(seg));
      struct = next.parent;
    }
    field = next.field;
  }
  if (names.length === 0) return `json: cannot unmarshal ${shown} into Go value of type ${model.goTypeName(field)}`;
  return `json: cannot unmarshal ${shown} into Go struct field ${struct}.${names.join('.')} of type ${model.goTypeName(field)}`;
}
