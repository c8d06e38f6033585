// Pod Security over the real manifests of ../shared/corpus: how many of its valid Pods and
// workloads pass baseline and restricted at four versions (the README reports these counts), and
// the restricted quick fix applied to every container that fails, checked by a structural diff.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseAllDocuments } from 'yaml';
import { parsePodSecuritySetting } from '../../server/src/service/podSecurity';
import { SHARED } from '../helpers/reference';
import { applyEdits, doc, service } from '../helpers/service';

const CORPUS = join(SHARED, 'corpus');
const skip = !existsSync(CORPUS) && 'no ../shared/corpus';

const filesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));

const corpusFiles = () => (skip ? [] : [...filesIn(join(CORPUS, 'valid')), ...filesIn(join(CORPUS, 'valid', 'gated')), ...filesIn(join(CORPUS, 'workloads'))]);

const isSecurity = (d: Diagnostic) => String(d.code).startsWith('pod-security/');

/** Under `policy`, how many of the corpus's Pods and workloads pass, and how many there are; `failing` gets the documents that fail. */
function passing(policy: string, failing: string[] = []): { pods: [number, number]; workloads: [number, number] } {
  const s = service();
  s.setPodSecurity(parsePodSecuritySetting(policy)!);
  const out = { pods: [0, 0] as [number, number], workloads: [0, 0] as [number, number] };
  for (const file of corpusFiles()) {
    const d = doc(readFileSync(file, 'utf8'), `file://${file}`);
    const findings = s.validate(d).filter(isSecurity);
    for (const m of s.manifests(d)) {
      const failed = findings.some((f) => f.range.start.line >= m.range.start.line && f.range.start.line <= m.range.end.line);
      const counts = m.kind === 'Pod' ? out.pods : out.workloads;
      counts[1]++;
      if (!failed) counts[0]++;
      else failing.push(`${file.slice(file.lastIndexOf('/') + 1)}#${m.index}`);
    }
  }
  return out;
}

describe('Pod Security over the corpus', { skip }, () => {
  // [passing, of] Pods, then workloads; the README's table says the same.
  const baseline = { pods: [135, 144], workloads: [95, 103] } as const;
  const restricted = { pods: [11, 144], workloads: [0, 103] } as const;
  const expected: Record<string, unknown> = {
    'baseline:1.23': baseline,
    'baseline:1.27': baseline,
    'baseline:1.30': baseline,
    'baseline:1.35': baseline,
    'restricted:1.23': restricted,
    'restricted:1.27': restricted,
    'restricted:1.30': restricted,
    'restricted:1.35': restricted,
  };

  for (const policy of [
    'baseline:1.23',
    'baseline:1.27',
    'baseline:1.30',
    'baseline:1.35',
    'restricted:1.23',
    'restricted:1.27',
    'restricted:1.30',
    'restricted:1.35',
  ]) {
    it(`${policy}: how many Pods and workloads pass`, () => {
      const got = passing(policy);
      console.log(`${policy}: Pods ${got.pods[0]}/${got.pods[1]}, workloads ${got.workloads[0]}/${got.workloads[1]}`);
      assert.deepEqual(got, expected[policy]);
    });
  }

  it('baseline 1.35 refuses a preStop host (from 1.34) and allows procMount: Unmasked with hostUsers: false (from 1.35)', () => {
    const at = (policy: string) => {
      const failing: string[] = [];
      passing(policy, failing);
      return new Set(failing);
    };
    const before = at('baseline:1.33');
    const after = at('baseline:1.35');
    assert.deepEqual(
      [...after].filter((d) => !before.has(d)),
      ['gatekeeper-prestop-httpget-host.yaml#0'],
    );
    assert.deepEqual(
      [...before].filter((d) => !after.has(d)),
      ['gatekeeper-procmount-unmasked-hostusers-false.yaml#0'],
    );
  });
});

const FOUR = new Set([
  'pod-security/allowPrivilegeEscalation',
  'pod-security/capabilities_restricted',
  'pod-security/runAsNonRoot',
  'pod-security/seccompProfile_restricted',
]);
/** A finding the four fields answer: not a capability added beyond NET_BIND_SERVICE (capabilities_restricted's other half, which no value fixes). */
const answeredByFix = (d: Diagnostic) => FOUR.has(String(d.code)) && !/must not include/.test(typeof d.message === 'string' ? d.message : d.message.value);
/** What the container fix may write: the four fields, and `privileged` where it was true (validation refuses the pair). */
const FIXED_FIELDS = [['allowPrivilegeEscalation'], ['capabilities', 'drop'], ['runAsNonRoot'], ['seccompProfile', 'type'], ['privileged']];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (v: unknown): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every Pod spec in a decoded document (a Pod's, a template's): the objects with containers. */
function specsOf(v: Json): { [k: string]: Json }[] {
  if (!isObj(v)) return Array.isArray(v) ? v.flatMap(specsOf) : [];
  return [...(Array.isArray(v.containers) ? [v] : []), ...Object.values(v).flatMap(specsOf)];
}

const containersOf = (spec: { [k: string]: Json }) =>
  ['containers', 'initContainers', 'ephemeralContainers'].flatMap((k) => (Array.isArray(spec[k]) ? (spec[k] as Json[]).filter(isObj) : []));

/** The document with the fields the fix writes taken out (and the maps they leave empty); with `pod`, the Pod's own two too. */
function withoutFixedFields(v: Json, pod = false): Json {
  const copy = structuredClone(v);
  for (const c of specsOf(copy).flatMap((spec) => (pod ? [spec, ...containersOf(spec)] : containersOf(spec)))) {
    const sc = c.securityContext;
    if (!isObj(sc)) continue;
    for (const path of FIXED_FIELDS) {
      let parent: Json = sc;
      for (const k of path.slice(0, -1)) parent = isObj(parent) ? parent[k] : null;
      if (isObj(parent)) delete parent[path[path.length - 1]];
    }
    for (const k of ['capabilities', 'seccompProfile']) if (isObj(sc[k]) && Object.keys(sc[k]).length === 0) delete sc[k];
    if (Object.keys(sc).length === 0) delete c.securityContext;
  }
  return copy;
}

describe('the restricted quick fix over the corpus', { skip }, () => {
  for (const [which, title] of [
    ['container', 'Make container'],
    ['Pod (or template)', 'Make the Pod'],
  ] as const) {
    it(`makes every failing ${which} pass the four checks, and changes nothing else`, () => {
      const s = service();
      s.setPodSecurity(parsePodSecuritySetting('restricted:latest')!);
      let fixedContainers = 0;
      const failures: string[] = [];
      for (const file of corpusFiles()) {
        const original = readFileSync(file, 'utf8');
        let text = original;
        const uri = `file://${file}`;
        const others = (t: string) =>
          s
            .validate(doc(t, uri))
            .filter((d) => !isSecurity(d))
            .map((d) => `${d.code} ${typeof d.message === 'string' ? d.message : d.message.value}`)
            .sort();
        const before = others(text);
        // One container at a time, as a user would: the first finding of the four checks, its fix.
        for (let round = 0; round < 500; round++) {
          const finding = s.validate(doc(text, uri)).find(answeredByFix);
          if (!finding) break;
          const fix = s.codeActions(doc(text, uri), finding.range, [finding]).find((a) => a.title.startsWith(title));
          if (!fix) {
            failures.push(`${file}: no ${which} fix for ${finding.code} at line ${finding.range.start.line + 1}`);
            break;
          }
          text = applyEdits(text, fix.edit!.changes![uri]);
          fixedContainers++;
        }
        const left = s.validate(doc(text, uri)).filter(answeredByFix);
        if (left.length > 0) failures.push(`${file}: still ${left.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ')}`);
        assert.deepEqual(others(text), before, `${file}: the fix brought other diagnostics`);
        const parse = (t: string) => parseAllDocuments(t).map((d) => withoutFixedFields(d.toJS() as Json, which !== 'container'));
        assert.deepEqual(parse(text), parse(original), `${file}: the fix changed more than the four fields`);
      }
      console.log(`${which} fixes applied: ${fixedContainers}`);
      assert.deepEqual(failures, []);
      assert.equal(fixedContainers, which === 'container' ? 268 : 236);
    });
  }
});
