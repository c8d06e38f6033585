/**
 * The schema check: the bundled Pod schema as a JSON Schema, compiled once per version by ajv.
 * Objects are closed (the API server's strict field validation), enums come from the curated
 * table, Quantity is checked by Kubernetes' own grammar. `npm run build` compiles one validator
 * per version ahead of time (ajv standalone), so the server does not compile at start-up.
 */
import Ajv, { ValidateFunction } from 'ajv';
import type { SchemaModel } from './model';
import { QUANTITY_PATTERN } from './quantity';
import { RFC3339_PATTERN } from './time';
import type { Field } from './types';

export const SCHEMA_ID = 'k8s';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

function fieldSchema(field: Field): Record<string, unknown> {
  switch (field.kind) {
    case 'object':
      return { $ref: `#/definitions/${field.ref}` };
    case 'array':
      return { type: 'array', items: field.items ? fieldSchema(field.items) : {} };
    case 'map':
      return { type: 'object', additionalProperties: field.values ? fieldSchema(field.values) : {} };
    case 'int-or-string':
      return { type: ['integer', 'string'], ...(field.format === 'int32' ? INT32 : {}) };
    case 'quantity':
      // A JSON number, or a string in Kubernetes' quantity grammar.
      return { type: ['number', 'string'], pattern: QUANTITY_PATTERN };
    case 'time':
      // Go's time.Parse(RFC3339): the words for a bad one are time.ts's.
      return { type: 'string', pattern: RFC3339_PATTERN };
    case 'integer':
      return { type: 'integer', ...(field.format === 'int32' ? INT32 : {}) };
    case 'number':
    case 'boolean':
      return { type: field.kind };
    case 'string':
      // "" is "not set" for an optional enum (defaulting fills it in), so it passes here.
      return field.enum ? { type: 'string', enum: field.enum.includes('') ? field.enum : ['', ...field.enum] } : { type: 'string' };
    default:
      return {};
  }
}

/** The model's types as JSON Schema definitions under `$id` "k8s", checking `model.schema.root`. */
export function jsonSchemaOf(model: SchemaModel): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(model.schema.types)) {
    const properties: Record<string, unknown> = {};
    for (const [prop, field] of Object.entries(type.properties)) properties[prop] = fieldSchema(field);
    definitions[name] = {
      type: 'object',
      properties,
      additionalProperties: false,
      ...(type.required ? { required: type.required } : {}),
    };
  }
  return { $id: SCHEMA_ID, $ref: `#/definitions/${model.schema.root}`, definitions };
}

export function createAjv(options: { standalone?: boolean } = {}): Ajv {
  return new Ajv({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    validateSchema: false,
    code: { optimize: options.standalone ? 1 : false, source: options.standalone ?? false },
  });
}

/** Compiles at run time: for tests from source; the bundle ships validators compiled at build time. */
export function compilePodValidator(model: SchemaModel): ValidateFunction {
  return createAjv().compile(jsonSchemaOf(model));
}
