/**
 * `npm run schemas`: turns the official OpenAPI documents in ../shared/k8s-openapi into compact
 * schemas under schemas/ (committed, so a fresh clone needs nothing from ../shared), two per
 * Kubernetes version: `pod-vX.YY.json` (the Pod and every type it reaches) and
 * `workloads-vX.YY.json` (what the workload kinds add: kinds.ts). Output is deterministic:
 * regenerating gives byte-identical files.
 *
 *   tsx scripts/schemas/generate.ts [--check] [--openapi DIR] [--out DIR]
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VERSIONS, compareVersions } from '../../server/src/schema/versions';
import { definitionsOf, podTypes, reachableTypes, sortKeys } from '../../server/src/schema/fromOpenApi';
import { definitionOf, WORKLOAD_KINDS } from '../../server/src/schema/kinds';
import { schemaFileName, workloadsFileName } from '../../server/src/schema/load';
import type { PodSchema, TypeDef, WorkloadsSchema } from '../../server/src/schema/types';

const repoRoot = resolve(__dirname, '..', '..');

export function defaultOpenApiDir(): string {
  return resolve(repoRoot, '..', 'shared', 'k8s-openapi');
}

/** Definitions of one version: the v2 swagger for 1.20; after, the v3 documents of core/v1, apps/v1 and batch/v1. */
function loadDefinitions(dir: string, version: string, groups: readonly string[] = ['api-v1']) {
  const read = (file: string) => definitionsOf(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (version === '1.20') return read('v1.20-swagger.json');
  return Object.assign({}, ...groups.map((g) => read(`v${version}-${g}.json`))) as ReturnType<typeof read>;
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
  // The history (since, later) is made over the Pod's and the workloads' types together, then
  // each file keeps its own types.
  const converted = new Map<string, Record<string, TypeDef>>();
  const podNames = new Map<string, Set<string>>();
  const roots = new Map<string, Record<string, string>>();
  for (const version of VERSIONS) {
    const pod = podTypes(loadDefinitions(openapiDir, version), version);
    const defs = loadDefinitions(openapiDir, version, ['api-v1', 'apis-apps-v1', 'apis-batch-v1']);
    const definitions = WORKLOAD_KINDS.map((k) => definitionOf(k, version));
    const workloads = reachableTypes(defs, version, definitions);
    for (const [name, type] of Object.entries(pod)) {
      if (workloads[name] && JSON.stringify(workloads[name]) !== JSON.stringify(type)) throw new Error(`${version}: ${name} differs between the documents`);
    }
    converted.set(version, sortKeys({ ...workloads, ...pod }));
    podNames.set(version, new Set(Object.keys(pod)));
    roots.set(version, Object.fromEntries(WORKLOAD_KINDS.map((k, i) => [k, definitions[i].slice(definitions[i].lastIndexOf('.') + 1)])));
  }
  const files = new Map<string, string>();
  const json = (o: unknown) => JSON.stringify(o, null, 1) + '\n';
  for (const [version, all] of addVersionHistory(converted)) {
    const own = podNames.get(version)!;
    const pick = <T>(o: Record<string, T>, pod: boolean) => Object.fromEntries(Object.entries(o).filter(([name]) => own.has(name) === pod));
    const pod: PodSchema = { version, root: 'Pod', types: pick(all.types, true), later: pick(all.later, true) };
    const workloads: WorkloadsSchema = { version, roots: roots.get(version)!, types: pick(all.types, false), later: pick(all.later, false) };
    files.set(schemaFileName(version), json(pod));
    files.set(workloadsFileName(version), json(workloads));
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
