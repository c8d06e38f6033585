/**
 * The one place that answers "what is at this path" for a Kubernetes version: the field, its
 * type as the Kubernetes docs name it, description, required-ness, allowed values, history.
 */
import type { ValidateFunction } from 'ajv';
import type { Segment } from '../path/segments';
import type { Field, PodSchema, TypeDef } from './types';

/** A field (or the root) resolved along a path, with the type that declares it. */
export interface ResolvedField {
  field: Field;
  /** The named type that holds this field; undefined for the root, list items and map values. */
  parent?: string;
  /** The property name in `parent`. */
  name?: string;
  /** Whether `parent` lists it as required. */
  required: boolean;
}

export class SchemaModel {
  readonly version: string;
  private readonly rootField: Field;

  private compiled?: ValidateFunction;

  /**
   * @param makeValidator gives this version's compiled JSON Schema validator: loaded from the
   * build's precompiled file in the server, compiled by ajv in tests and scripts.
   */
  constructor(
    readonly schema: PodSchema,
    private readonly makeValidator?: (model: SchemaModel) => ValidateFunction,
  ) {
    this.version = schema.version;
    this.rootField = { kind: 'object', ref: schema.root, description: schema.types[schema.root]?.description };
  }

  /** The schema check for this version, made on first use and kept. */
  validator(): ValidateFunction {
    if (!this.makeValidator) throw new Error(`no validator for Kubernetes ${this.version}`);
    this.compiled ??= this.makeValidator(this);
    return this.compiled;
  }

  type(name: string): TypeDef | undefined {
    return this.schema.types[name];
  }

  /** The field at a path of property names and list indices, or undefined where the schema has none. */
  resolve(path: readonly Segment[]): ResolvedField | undefined {
    let current: ResolvedField = { field: this.rootField, required: false };
    for (const seg of path) {
      const next = this.child(current.field, seg);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /** One step down: a property of an object, an item of a list, a value of a map. */
  child(field: Field, seg: Segment): ResolvedField | undefined {
    switch (field.kind) {
      case 'object': {
        const type = field.ref ? this.schema.types[field.ref] : undefined;
        if (!type || typeof seg !== 'string') return undefined;
        const f = Object.prototype.hasOwnProperty.call(type.properties, seg) ? type.properties[seg] : undefined;
        return f && { field: f, parent: field.ref, name: seg, required: type.required?.includes(seg) ?? false };
      }
      case 'array':
        return field.items && { field: field.items, required: false };
      case 'map':
        return field.values && typeof seg === 'string' ? { field: field.values, required: false } : undefined;
      default:
        return undefined;
    }
  }

  /** The version that adds (`+1.25`) or last had (`-1.30`) a field this version's type lacks. */
  otherVersionOf(type: string, field: string): { added?: string; removedAfter?: string } | undefined {
    const mark = this.schema.later[type]?.[field];
    if (!mark) return undefined;
    return mark.startsWith('+') ? { added: mark.slice(1) } : { removedAfter: mark.slice(1) };
  }

  /** The API server's field path: `spec.containers[1].ports[0].containerPort`, `metadata.labels[app]`. */
  fieldPath(path: readonly Segment[]): string {
    let out = '';
    let field: Field | undefined = this.rootField;
    for (const seg of path) {
      if (field?.kind === 'array' || typeof seg === 'number') out += `[${seg}]`;
      else if (field?.kind === 'map') out += `[${seg}]`;
      else out += out ? `.${seg}` : String(seg);
      field = field ? this.child(field, seg)?.field : undefined;
    }
    return out;
  }

  /** Kubernetes' own name for a field's type, as its API reference writes it (`[]Container`, `IntOrString`). */
  typeName(field: Field): string {
    return spell(field, DOCS);
  }

  /** The Go type in encoding/json's words (`int32`, `[]v1.Container`, `map[string]string`). */
  goTypeName(field: Field): string {
    return spell(field, GO);
  }
}

/** The two vocabularies a type is spelt in: the API reference's and Go's. */
const DOCS = 0;
const GO = 1;
type Vocabulary = typeof DOCS | typeof GO;

function spell(field: Field, v: Vocabulary): string {
  switch (field.kind) {
    case 'object':
      return v === GO ? `v1.${field.ref}` : (field.ref ?? 'object');
    case 'array':
      return `[]${spell(field.items ?? { kind: 'any' }, v)}`;
    case 'map':
      return `map[string]${field.values ? spell(field.values, v) : 'string'}`;
    default:
      return scalarNames(field)[v];
  }
}

function scalarNames(f: Field): [docs: string, go: string] {
  switch (f.kind) {
    case 'int-or-string':
      return ['IntOrString', 'intstr.IntOrString'];
    case 'quantity':
      return ['Quantity', 'resource.Quantity'];
    case 'time':
      return ['Time', 'v1.Time'];
    case 'integer':
      return [f.format ?? 'integer', f.format ?? 'int'];
    case 'number':
      return [f.format === 'double' ? 'double' : 'number', 'float64'];
    case 'boolean':
      return ['boolean', 'bool'];
    case 'string':
      return ['string', f.format === 'byte' ? '[]uint8' : 'string'];
    default:
      return ['object', 'interface {}'];
  }
}
