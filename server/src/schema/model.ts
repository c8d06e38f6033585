/**
 * The one place that answers "what is at this path" for a Kubernetes version: the field, its
 * type as the Kubernetes docs name it, description, required-ness, allowed values, history.
 */
import type { ValidateFunction } from 'ajv';
import type { Field, PodSchema, TypeDef } from './types';

export type PathSegment = string | number;

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
  resolve(path: readonly PathSegment[]): ResolvedField | undefined {
    let current: ResolvedField = { field: this.rootField, required: false };
    for (const seg of path) {
      const next = this.child(current.field, seg);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /** One step down: a property of an object, an item of a list, a value of a map. */
  child(field: Field, seg: PathSegment): ResolvedField | undefined {
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
  fieldPath(path: readonly PathSegment[]): string {
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

  /** Kubernetes' own name for a field's type, as its API reference writes it. */
  typeName(field: Field): string {
    switch (field.kind) {
      case 'object':
        return field.ref ?? 'object';
      case 'array':
        return `[]${field.items ? this.typeName(field.items) : 'object'}`;
      case 'map':
        return `map[string]${field.values ? this.typeName(field.values) : 'string'}`;
      case 'int-or-string':
        return 'IntOrString';
      case 'quantity':
        return 'Quantity';
      case 'time':
        return 'Time';
      case 'integer':
        return field.format ?? 'integer';
      case 'number':
        return field.format === 'double' ? 'double' : 'number';
      case 'any':
        return 'object';
      default:
        return field.kind;
    }
  }

  /** The Go type in encoding/json's words (`int32`, `[]v1.Container`, `map[string]string`). */
  goTypeName(field: Field): string {
    switch (field.kind) {
      case 'object':
        return `v1.${field.ref}`;
      case 'array':
        return `[]${field.items ? this.goTypeName(field.items) : 'interface {}'}`;
      case 'map':
        return `map[string]${field.values ? this.goTypeName(field.values) : 'string'}`;
      case 'int-or-string':
        return 'intstr.IntOrString';
      case 'quantity':
        return 'resource.Quantity';
      case 'time':
        return 'v1.Time';
      case 'integer':
        return field.format ?? 'int';
      case 'number':
        return 'float64';
      case 'boolean':
        return 'bool';
      case 'string':
        return field.format === 'byte' ? '[]uint8' : 'string';
      default:
        return 'interface {}';
    }
  }
}
