/**
 * Every valid Pod and workload of the corpus (corpus/valid, corpus/workloads) passes clean in every
 * bundled version that has its fields (but for the server's own deprecation warnings): a version
 * that lacks one of them reports only that ("not available in Kubernetes 1.NN"), and a version that
 * no longer (or not yet) serves a document's apiVersion says only "no matches for kind" on it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VERSIONS } from '../../server/src/schema/versions';
import { SHARED } from '../helpers/reference';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { brief, doc, messageText, service } from '../helpers/service';

const VALID = join(SHARED, 'corpus', 'valid');
const WORKLOADS = join(SHARED, 'corpus', 'workloads');

/** The apiVersions a version does not serve, as the corpus has them: batch/v1 CronJob before 1.21, batch/v1beta1 from 1.25. */
const UNSERVED: [versions: RegExp, message: string][] = [
  [/^1\.20$/, 'no matches for kind "CronJob" in version "batch/v1"'],
  [/^1\.(2[5-9]|3\d)$/, 'no matches for kind "CronJob" in version "batch/v1beta1"'],
];

/**
 * Fields that a version's schema has but whose feature gate is off by default there, so the
 * server drops them and says what it then sees. Each entry: version, what the message says.
 */
const GATED_OFF: [version: string, message: RegExp, why: string][] = [
  ['1.20', /spec\.volumes\[\d+\]: Required value: must specify a volume type/, 'volumes[].ephemeral: GenericEphemeralVolume is alpha (off) in 1.20'],
  ['1.20', /volumeMounts\[\d+\]\.name: Not found/, 'and so a mount of that ephemeral volume names no (valid) volume'],
];

describe('valid corpus Pods and workloads in every version', () => {
  it('have zero diagnostics wherever their fields exist', { skip: !existsSync(VALID) && 'no ../shared/corpus' }, () => {
    const files = [VALID, WORKLOADS].flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => join(dir, f)),
    );
    const wrong: string[] = [];
    const unserved = new Map<string, number>();
    let clean = 0;
    for (const version of VERSIONS) {
      const svc = service(version);
      for (const f of files) {
        const diagnostics = svc
          .validate(doc(readFileSync(f, 'utf8'), `file:///${version}/${f}`))
          .filter((d) => !GATED_OFF.some(([v, message]) => v === version && message.test(messageText(d.message))))
          .filter((d) => {
            const expected = d.code === 'wrong-api-version' && UNSERVED.some(([v, m]) => v.test(version) && messageText(d.message) === m);
            if (expected) unserved.set(version, (unserved.get(version) ?? 0) + 1);
            return !expected;
          })
          // The deprecation warnings the real server sends with its answer are right to show (and, on
          // workloads, every warning GetWarningsForPodTemplate sends: `non-functional in v1.16+` …).
          .filter((d) => !(d.severity === DiagnosticSeverity.Warning && /\bdeprecated\b/.test(messageText(d.message))))
          .filter((d) => !(d.severity === DiagnosticSeverity.Warning && d.code === 'warning' && f.startsWith(WORKLOADS)));
        if (diagnostics.length === 0) clean++;
        // Where a field is newer than the version, that is the one thing to say.
        else if (!diagnostics.some((d) => d.code === 'unavailable-field')) wrong.push(`${version} ${f}: ${diagnostics.map(brief).join(' | ')}`);
        else {
          const other = diagnostics.filter((d) => d.code !== 'unavailable-field' && !/^(unsupported-value)$/.test(String(d.code)));
          if (other.length) wrong.push(`${version} ${f} (besides unavailable fields): ${other.map(brief).join(' | ')}`);
        }
      }
    }
    assert.ok(clean > files.length * 10, `only ${clean} clean`);
    assert.deepEqual(wrong, []);
    // Each CronJob of the corpus is unserved where its apiVersion is: 1.20 (batch/v1) and 1.25 on (batch/v1beta1).
    assert.deepEqual([...unserved.keys()], ['1.20', ...VERSIONS.filter((v) => /^1\.(2[5-9]|3\d)$/.test(v))]);
  });
});
