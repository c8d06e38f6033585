/**
 * `npm run schemas`: turns the official OpenAPI documents in ../shared/k8s-openapi into one compact
 * Pod schema per Kubernetes version under schemas/ (committed, so a fresh clone needs nothing
 * from ../shared). Output is deterministic: regenerating gives byte-identical files.
 *
 *   tsx scripts/schemas/generate.ts [--check] [--openapi DIR] [--out DIR]
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VERSIONS, compareVersions } from '../../server/src/schema/versions';
import type { Field, PodSchema, TypeDef } from '../../server/src/schema/types';
import { enumEntry } from './enum-table';

type OpenApiSchema = Record<string, any>;

const ROOT = 'io.k8s.api.core.v1.Pod';
const repoRoot = resolve(__dirname, '..', '..');

export function defaultOpenApiDir(): string {
  return resolve(repoRoot, '..', 'shared', 'k8s-openapi');
}

/** Definitions of one version, keyed by their full OpenAPI names. */
function loadDefinitions(dir: string, version: string): Record<string, OpenApiSchema> {
  if (version === '1.20') {
    return JSON.parse(readFileSync(join(dir, 'v1.20-swagger.json'), 'utf8')).definitions;
  }
  return JSON.parse(readFileSync(join(dir, `v${version}-api-v1.json`), 'utf8')).components.schemas;
}

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
function convertVersion(defs: Record<string, OpenApiSchema>, version: string): Record<string, TypeDef> {
  const types: Record<string, TypeDef> = {};
  const reached = new Set<string>([ROOT]);
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
          target.enum = entry.values;
          if (entry.invalid) target.enumInvalid = entry.invalid;
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

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds `since` to fields newer than the oldest version, and each version's `later` table. */
function addVersionHistory(all: Map<string, Record<string, TypeDef>>): Map<string, PodSchema> {
  const firstSeen = new Map<string, string>(); // "Type.field" → first version
  for (const version of VERSIONS) {
    for (const [name, type] of Object.entries(all.get(version)!)) {
      for (const prop of Object.keys(type.properties)) {
        const key = `${name}.${prop}`;
        if (!firstSeen.has(key)) firstSeen.set(key, version);
      }
    }
  }
  const out = new Map<string, PodSchema>();
  for (const version of VERSIONS) {
    const types = all.get(version)!;
    const later: PodSchema['later'] = {};
    for (const [name, type] of Object.entries(types)) {
      for (const [prop, field] of Object.entries(type.properties)) {
        const since = firstSeen.get(`${name}.${prop}`)!;
        if (since !== VERSIONS[0]) field.since = since;
      }
      // Fields of this type that only other versions have: added later, or removed since.
      const missing: Record<string, string> = {};
      for (const other of VERSIONS) {
        if (other === version) continue;
        const otherType = all.get(other)![name];
        if (!otherType) continue;
        for (const prop of Object.keys(otherType.properties)) {
          if (prop in type.properties || prop in missing) continue;
          missing[prop] = compareVersions(other, version) > 0 ? `+${other}` : `-${lastVersionWith(all, name, prop, version)}`;
        }
      }
      if (Object.keys(missing).length) later[name] = sortKeys(missing);
    }
    out.set(version, { version, root: 'Pod', types, later: sortKeys(later) });
  }
  return out;
}

/** The newest version before `before` whose `type` has `prop`. */
function lastVersionWith(all: Map<string, Record<string, TypeDef>>, type: string, prop: string, before: string): string {
  let last = '';
  for (const v of VERSIONS) {
    if (compareVersions(v, before) >= 0) break;
    if (all.get(v)![type]?.properties[prop]) last = v;
  }
  return last;
}

export function generateSchemas(openapiDir: string): Map<string, string> {
  const converted = new Map<string, Record<string, TypeDef>>();
  for (const version of VERSIONS) converted.set(version, convertVersion(loadDefinitions(openapiDir, version), version));
  const files = new Map<string, string>();
  for (const [version, schema] of addVersionHistory(converted)) {
    files.set(`pod-v${version}.json`, JSON.stringify(schema, null, 1) + '\n');
  }
  return files;
}

function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const openapiDir = resolve(arg('--openapi') ?? defaultOpenApiDir());
  const outDir = resolve(arg('--out') ?? join(repoRoot, 'schemas'));
  if (!existsSync(openapiDir)) {
    console.error(`No OpenAPI documents at ${openapiDir} (the shared reference folder).`);
    process.exit(2);
  }
  const files = generateSchemas(openapiDir);
  if (argv.includes('--check')) {
    const stale = [...files].filter(([name, text]) => !existsSync(join(outDir, name)) || readFileSync(join(outDir, name), 'utf8') !== text);
    if (stale.length) {
      console.error(`Out of date: ${stale.map(([n]) => n).join(', ')}. Run npm run schemas.`);
      process.exit(1);
    }
    console.log(`${files.size} schemas up to date.`);
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  console.log(`Wrote ${files.size} schemas to ${outDir}.`);
}

if (require.main === module) main(process.argv.slice(2));
