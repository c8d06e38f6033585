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
import { definitionsOf, podTypes, sortKeys } from '../../server/src/schema/fromOpenApi';
import type { PodSchema, TypeDef } from '../../server/src/schema/types';

const repoRoot = resolve(__dirname, '..', '..');

export function defaultOpenApiDir(): string {
  return resolve(repoRoot, '..', 'shared', 'k8s-openapi');
}

/** Definitions of one version (the v2 swagger for 1.20, the v3 core/v1 document after). */
function loadDefinitions(dir: string, version: string) {
  const file = version === '1.20' ? 'v1.20-swagger.json' : `v${version}-api-v1.json`;
  return definitionsOf(JSON.parse(readFileSync(join(dir, file), 'utf8')));
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
  for (const version of VERSIONS) converted.set(version, podTypes(loadDefinitions(openapiDir, version), version));
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
