/**
 * The objects a Pod (or a workload's template) names by name: ConfigMaps and Secrets (env,
 * envFrom, volumes, projected sources, with the keys their items and key refs name),
 * PersistentVolumeClaims, ServiceAccounts, image pull Secrets; and the workspace's objects of
 * those names (workspaceObjects.ts: the index the adapters keep, and this file's own). Completion,
 * definition and the missing-key check read them.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { weakCache } from '../caches';
import { pointerOf, Segment } from '../path/segments';
import { arr, obj, Obj, str } from '../rules/context';
import { eachContainer } from '../rules/containerWalk';
import { EVERY_CONTAINER } from './nameGraph';
import { KIND_INFO } from '../schema/kinds';
import type { PathIndex, Span } from '../yaml/decode';
import { kindOf } from './check';
import type { AnalysedFile, AnalysedPart } from './documents';
import { partAt } from './parts';
import { spanToRange } from './ranges';
import { namespaceOf } from './podSecurity';
import type { Problem } from './problems';
import { IndexedKind, IndexedObject, objectsOfFile } from './workspaceObjects';

/** The workspace's objects of a kind (the adapters' index); none when there is no index (the CLI's single files). */
export type ObjectsOf = (kind: IndexedKind) => readonly IndexedObject[];

export interface KeyRef {
  key: string;
  span: Span;
  path: readonly Segment[];
}

export interface ObjectRef {
  kind: IndexedKind;
  name: string;
  span: Span;
  path: readonly Segment[];
  keys: KeyRef[];
  /** `optional: true`: a missing object or key is no fault. */
  optional: boolean;
  /** A key ref in env (the container does not start) or a volume item (the volume does not mount). */
  inVolume: boolean;
}

const refsOf = weakCache<AnalysedPart, ObjectRef[]>('object references per document');

export function objectRefs(part: AnalysedPart): ObjectRef[] {
  const kept = refsOf.get(part);
  if (kept) return kept;
  const out: ObjectRef[] = [];
  const decoded = part.class.kind === 'object' ? part.parsed.decoded : undefined;
  if (decoded) {
    const podPath = KIND_INFO[kindOf(part)].template;
    let pod = decoded.value;
    for (const k of podPath) pod = obj(pod)?.[k] ?? null;
    const spec = obj(obj(pod)?.spec);
    if (spec) specRefs(decoded.index, spec, [...podPath, 'spec'], out);
  }
  return refsOf.set(part, out);
}

function ref(
  index: PathIndex,
  kind: IndexedKind,
  holder: Obj | undefined,
  nameKey: string,
  at: readonly Segment[],
  inVolume: boolean,
  keys: KeyRef[] = [],
): ObjectRef | undefined {
  const name = str(holder?.[nameKey]);
  const span = index.get(pointerOf([...at, nameKey]))?.value;
  if (!holder || !name || !span) return undefined;
  return { kind, name, span, path: [...at, nameKey], keys, optional: holder.optional === true, inVolume };
}

function keyRef(index: PathIndex, holder: Obj | undefined, at: readonly Segment[]): KeyRef[] {
  const key = str(holder?.key);
  const span = index.get(pointerOf([...at, 'key']))?.value;
  return key && span ? [{ key, span, path: [...at, 'key'] }] : [];
}

function itemKeys(index: PathIndex, source: Obj, at: readonly Segment[]): KeyRef[] {
  return arr(source.items).flatMap((item, i) => keyRef(index, obj(item), [...at, 'items', i]));
}

function specRefs(index: PathIndex, spec: Obj, at: readonly Segment[], out: ObjectRef[]): void {
  const add = (r: ObjectRef | undefined) => r && out.push(r);
  for (const { c: container, path } of eachContainer(spec, EVERY_CONTAINER)) {
    const cAt = [...at.slice(0, -1), ...path.segments];
    arr(container?.env).forEach((e, j) => {
      const from = obj(obj(e)?.valueFrom);
      const eAt = [...cAt, 'env', j, 'valueFrom'];
      const cm = obj(from?.configMapKeyRef);
      add(ref(index, 'ConfigMap', cm, 'name', [...eAt, 'configMapKeyRef'], false, keyRef(index, cm, [...eAt, 'configMapKeyRef'])));
      const secret = obj(from?.secretKeyRef);
      add(ref(index, 'Secret', secret, 'name', [...eAt, 'secretKeyRef'], false, keyRef(index, secret, [...eAt, 'secretKeyRef'])));
    });
    arr(container?.envFrom).forEach((e, j) => {
      add(ref(index, 'ConfigMap', obj(obj(e)?.configMapRef), 'name', [...cAt, 'envFrom', j, 'configMapRef'], false));
      add(ref(index, 'Secret', obj(obj(e)?.secretRef), 'name', [...cAt, 'envFrom', j, 'secretRef'], false));
    });
  }
  arr(spec.volumes).forEach((v, i) => {
    const volume = obj(v);
    const vAt = [...at, 'volumes', i];
    const cm = obj(volume?.configMap);
    if (cm) add(ref(index, 'ConfigMap', cm, 'name', [...vAt, 'configMap'], true, itemKeys(index, cm, [...vAt, 'configMap'])));
    const secret = obj(volume?.secret);
    if (secret) add(ref(index, 'Secret', secret, 'secretName', [...vAt, 'secret'], true, itemKeys(index, secret, [...vAt, 'secret'])));
    add(ref(index, 'PersistentVolumeClaim', obj(volume?.persistentVolumeClaim), 'claimName', [...vAt, 'persistentVolumeClaim'], true));
    arr(obj(volume?.projected)?.sources).forEach((s, j) => {
      const sAt = [...vAt, 'projected', 'sources', j];
      const pcm = obj(obj(s)?.configMap);
      if (pcm) add(ref(index, 'ConfigMap', pcm, 'name', [...sAt, 'configMap'], true, itemKeys(index, pcm, [...sAt, 'configMap'])));
      const ps = obj(obj(s)?.secret);
      if (ps) add(ref(index, 'Secret', ps, 'name', [...sAt, 'secret'], true, itemKeys(index, ps, [...sAt, 'secret'])));
    });
  });
  add(ref(index, 'ServiceAccount', spec, 'serviceAccountName', at, false));
  arr(spec.imagePullSecrets).forEach((s, i) => add(ref(index, 'Secret', obj(s), 'name', [...at, 'imagePullSecrets', i], false)));
}

/**
 * The objects of the workspace (the index's, and this file's own as it is now), by kind and name,
 * in the namespace `namespace` (an object that names none goes where it is applied: the default).
 */
export class ObjectsInScope {
  private readonly own: IndexedObject[];
  private readonly byKind = new Map<IndexedKind, Map<string, IndexedObject[]>>();

  constructor(
    private readonly file: AnalysedFile,
    private readonly objects: ObjectsOf | undefined,
    private readonly defaultNamespace: string,
  ) {
    this.own = objectsOfFile(file);
  }

  named(kind: IndexedKind, name: string, namespace: string): IndexedObject[] {
    return (this.all(kind).get(name) ?? []).filter((o) => (o.namespace ?? this.defaultNamespace) === namespace);
  }

  /** Whether any object of a kind is known at all. */
  any(kind: IndexedKind): boolean {
    return this.all(kind).size > 0;
  }

  /** Every name of a kind in a namespace, in the order found (this file's first). */
  names(kind: IndexedKind, namespace: string): string[] {
    return [...this.all(kind).entries()].filter(([, os]) => os.some((o) => (o.namespace ?? this.defaultNamespace) === namespace)).map(([n]) => n);
  }

  private all(kind: IndexedKind): Map<string, IndexedObject[]> {
    let map = this.byKind.get(kind);
    if (!map) {
      map = new Map();
      const fromIndex = (this.objects?.(kind) ?? []).filter((o) => o.uri !== this.file.uri);
      for (const o of [...this.own.filter((x) => x.kind === kind), ...fromIndex]) {
        const list = map.get(o.name);
        if (list) list.push(o);
        else map.set(o.name, [o]);
      }
      this.byKind.set(kind, map);
    }
    return map;
  }
}

export const namespaceOfPart = (part: AnalysedPart, defaultNamespace: string) => namespaceOf(part.parsed.decoded?.value, defaultNamespace);

/** The definition of the object (or key) named at `offset` of `part`. */
export function objectDefinition(part: AnalysedPart, offset: number, scope: ObjectsInScope, defaultNamespace: string): Location[] | undefined {
  const ns = namespaceOfPart(part, defaultNamespace);
  for (const r of objectRefs(part)) {
    const defs = () => scope.named(r.kind, r.name, ns);
    // (An object known only from the cluster is in no file: nothing to go to.)
    if (r.span.start <= offset && offset <= r.span.end) return defs().flatMap((o) => (o.uri ? [{ uri: o.uri, range: o.nameRange }] : []));
    const k = r.keys.find((k) => k.span.start <= offset && offset <= k.span.end);
    if (k) return defs().flatMap((o) => (o.uri ? o.keys.filter((x) => x.key === k.key).map((x) => ({ uri: o.uri, range: x.range })) : []));
  }
  return undefined;
}

/**
 * A key a ConfigMap of the workspace does not have, where the reference is not optional: the
 * container does not start (env) or the volume does not mount (items). Said only where every
 * ConfigMap of that name there is known and none has the key.
 */
export function missingKeyProblems(part: AnalysedPart, scope: ObjectsInScope, defaultNamespace: string): Problem[] {
  // (No ConfigMap known: nothing to check, and the Pod's references are not even read.)
  if (!scope.any('ConfigMap')) return [];
  const ns = namespaceOfPart(part, defaultNamespace);
  const problems: Problem[] = [];
  for (const r of objectRefs(part)) {
    if (r.kind !== 'ConfigMap' || r.optional || r.keys.length === 0) continue;
    const defs = scope.named('ConfigMap', r.name, ns);
    if (defs.length === 0) continue;
    const keys = new Set(defs.flatMap((o) => o.keys.map((k) => k.key)));
    for (const k of r.keys) {
      if (keys.has(k.key)) continue;
      const has = [...keys].map((x) => `"${x}"`).join(', ');
      const then = r.inVolume ? 'the volume cannot be mounted and the Pod does not start' : 'the container does not start (CreateContainerConfigError)';
      problems.push({
        code: 'unresolved-name',
        severity: 'warning',
        message: `ConfigMap "${r.name}" has no key "${k.key}"${has ? ` (its keys: ${has})` : ''}: ${then}`,
        span: k.span,
      });
    }
  }
  return problems;
}

/** The names (or keys) that fit a value at `segments`, from the workspace's objects. */
export function objectValueNames(part: AnalysedPart, segments: readonly Segment[], scope: ObjectsInScope, defaultNamespace: string): string[] | undefined {
  const ns = namespaceOfPart(part, defaultNamespace);
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  const kindOfRef: Record<string, IndexedKind> = {
    configMapKeyRef: 'ConfigMap',
    configMapRef: 'ConfigMap',
    configMap: 'ConfigMap',
    secretKeyRef: 'Secret',
    secretRef: 'Secret',
    secret: 'Secret',
  };
  if (last === 'claimName' && parent === 'persistentVolumeClaim') return scope.names('PersistentVolumeClaim', ns);
  if (last === 'serviceAccountName') return scope.names('ServiceAccount', ns);
  if ((last === 'name' || last === 'secretName') && typeof parent === 'string' && kindOfRef[parent]) return scope.names(kindOfRef[parent], ns);
  if (last === 'name' && typeof parent === 'number' && segments[segments.length - 3] === 'imagePullSecrets') return scope.names('Secret', ns);
  // A key: of the object its holder names.
  const keyHolder =
    last === 'key'
      ? parent === 'configMapKeyRef' || parent === 'secretKeyRef'
        ? segments.slice(0, -1)
        : segments[segments.length - 3] === 'items'
          ? segments.slice(0, -3)
          : undefined
      : undefined;
  if (!keyHolder) return undefined;
  const holder = objectRefs(part).find((r) => r.path.slice(0, -1).join('/') === keyHolder.join('/'));
  if (!holder) return [];
  return [...new Set(scope.named(holder.kind, holder.name, ns).flatMap((o) => o.keys.map((k) => k.key)))];
}

/** What the features get: the objects in scope of the file, and where a document without a namespace goes. */
export interface ObjectNames {
  scope: ObjectsInScope;
  defaultNamespace: string;
}

/** Go to definition on an object's name or key in the file. */
export function objectDefinitionAt(file: AnalysedFile, position: Position, names: ObjectNames): Location[] | undefined {
  const part = partAt(file, position);
  if (!part || part.class.kind !== 'object') return undefined;
  const offset = part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character });
  return objectDefinition(part, offset, names.scope, names.defaultNamespace);
}

/**
 * Find references on an object's name (or a key) in a Pod: its definitions in the workspace and
 * every place this file names it. (References in other files are not indexed: the index keeps
 * the objects, not what names them.)
 */
export function objectReferencesAt(file: AnalysedFile, position: Position, names: ObjectNames, includeDeclaration: boolean): Location[] | undefined {
  const part = partAt(file, position);
  if (!part || part.class.kind !== 'object') return undefined;
  const offset = part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character });
  const ns = namespaceOfPart(part, names.defaultNamespace);
  for (const r of objectRefs(part)) {
    const key = r.keys.find((k) => k.span.start <= offset && offset <= k.span.end)?.key;
    if (!key && !(r.span.start <= offset && offset <= r.span.end)) continue;
    const out: Location[] = [];
    if (includeDeclaration) {
      for (const o of names.scope.named(r.kind, r.name, ns)) {
        if (!o.uri) continue;
        if (!key) out.push({ uri: o.uri, range: o.nameRange });
        else for (const k of o.keys) if (k.key === key) out.push({ uri: o.uri, range: k.range });
      }
    }
    for (const p of file.parts) {
      if (p.class.kind !== 'object' || namespaceOfPart(p, names.defaultNamespace) !== ns) continue;
      for (const other of objectRefs(p)) {
        if (other.kind !== r.kind || other.name !== r.name) continue;
        const spans = key ? other.keys.filter((k) => k.key === key).map((k) => k.span) : [other.span];
        for (const span of spans) out.push({ uri: file.uri, range: spanToRange(p, span) });
      }
    }
    return out;
  }
  return undefined;
}
