/**
 * The OpenAPI documents Kubernetes serves → the compact schemas the language server reads.
 * `npm run schemas` runs it over the bundled versions; with `kubernetesVersion: "cluster"` the
 * server runs it over the connected cluster's own document, so both read the same way.
 */
import { enumEntry } from './enumTable';
import type { Field, TypeDef } from './types';

type OpenApiSchema = Record<string, any>;

const ROOT = 'io.k8s.api.core.v1.Pod';
const shortName = (full: string) => full.slice(full.lastIndexOf('.') + 1);

/** v2 writes `$ref` directly, v3 wraps it as `allOf: [{$ref}]`. */
function refOf(s: OpenApiSchema): string | undefined {
  if (typeof s.$ref === 'string') return s.$ref.slice(s.$ref.lastIndexOf('/') + 1);
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && typeof s.allOf[0].$ref === 'string') {
    return refOf(s.allOf[0]);
  }
  return undefined;
}

/** Types with their own JSON encoding, inlined as a kind rather than referenced. */
const SPECIAL: Record<string, Field['kind']> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'any',
};

/**
 * Fields the OpenAPI documents leave optional (for workload templates that a controller fills in)
 * but that the API server requires of a Pod (ValidateContainers: `image: Required value`).
 */
const REQUIRED_BY_VALIDATION: Record<string, string[]> = {
  Container: ['image'],
  EphemeralContainer: ['image'],
};

function convertField(s: OpenApiSchema, reached: Set<string>, defs: Record<string, OpenApiSchema>): Field {
  const field: Field = { kind: 'any' };
  const ref = refOf(s);
  if (ref) {
    const special = SPECIAL[ref];
    if (special) {
      field.kind = special;
    } else {
      field.kind = 'object';
      field.ref = shortName(ref);
      reached.add(ref);
    }
  } else if (s.type === 'array') {
    field.kind = 'array';
    field.items = convertField(s.items ?? {}, reached, defs);
  } else if (s.type === 'object' && s.additionalProperties) {
    field.kind = 'map';
    field.values = convertField(s.additionalProperties, reached, defs);
  } else if (s.type === 'object') {
    field.kind = 'any';
  } else if (s.type === 'string' && s.format === 'int-or-string') {
    field.kind = 'int-or-string';
  } else if (s.type === 'string' || s.type === 'integer' || s.type === 'number' || s.type === 'boolean') {
    field.kind = s.type;
    if (s.format) field.format = s.format;
  }
  if (typeof s.description === 'string') field.description = s.description;
  if (s.default !== undefined && !isEmptyDefault(s.default)) field.default = s.default;
  if (s['x-kubernetes-list-type']) field.listType = s['x-kubernetes-list-type'];
  if (s['x-kubernetes-list-map-keys']) field.listMapKeys = s['x-kubernetes-list-map-keys'];
  if (s['x-kubernetes-patch-merge-key']) field.mergeKey = s['x-kubernetes-patch-merge-key'];
  return field;
}

/** OpenAPI v3 states `default: ""` / `default: {}` for every zero value: noise in a hover. */
function isEmptyDefault(v: unknown): boolean {
  return v === '' || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** Every type reachable from Pod, converted; fields keep the document's order. */
export function podTypes(defs: Record<string, OpenApiSchema>, version: string): Record<string, TypeDef> {
  return reachableTypes(defs, version, [ROOT]);
}

/** Every type reachable from `roots` (full definition names), converted; fields keep the document's order. */
export function reachableTypes(defs: Record<string, OpenApiSchema>, version: string, roots: readonly string[]): Record<string, TypeDef> {
  const types: Record<string, TypeDef> = {};
  const reached = new Set<string>(roots);
  const done = new Set<string>();
  while (done.size < reached.size) {
    for (const full of [...reached]) {
      if (done.has(full)) continue;
      done.add(full);
      const def = defs[full];
      if (!def) throw new Error(`${version}: ${full} is referenced but not defined`);
      const name = shortName(full);
      if (types[name]) throw new Error(`${version}: two definitions shorten to ${name}`);
      const type: TypeDef = { properties: {} };
      if (typeof def.description === 'string') type.description = def.description;
      for (const [prop, s] of Object.entries<OpenApiSchema>(def.properties ?? {})) {
        const field = convertField(s, reached, defs);
        const entry = enumEntry(name, prop, version);
        if (entry) {
          const target = field.kind === 'array' && field.items ? field.items : field;
          if (entry.checkedBy === 'rules') {
            target.suggest = entry.values;
          } else {
            target.enum = entry.values;
            if (entry.invalid) target.enumInvalid = entry.invalid;
          }
        }
        type.properties[prop] = field;
      }
      const required = [...(Array.isArray(def.required) ? def.required : []), ...(REQUIRED_BY_VALIDATION[name] ?? [])];
      if (required.length) type.required = [...new Set(required)];
      types[name] = type;
    }
  }
  return sortKeys(types);
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The definitions of an OpenAPI v2 swagger (`definitions`) or v3 document (`components.schemas`). */
export function definitionsOf(doc: unknown): Record<string, OpenApiSchema> {
  const d = doc as { definitions?: Record<string, OpenApiSchema>; components?: { schemas?: Record<string, OpenApiSchema> } };
  const defs = d?.definitions ?? d?.components?.schemas;
  if (!defs || typeof defs !== 'object') throw new Error('not an OpenAPI document: it has no definitions or components.schemas');
  return defs;
}
