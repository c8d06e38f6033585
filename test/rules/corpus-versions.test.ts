/**
 * Every valid Pod of the corpus passes clean in every bundled version that has its fields (but for
 * the server's own deprecation warnings): a version that lacks one of them reports only that
 * ("not available in Kubernetes 1.NN").
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

/**
 * Fields that a version's schema has but whose feature gate is off by default there, so the
 * server drops them and says what it then sees. Each entry: version, what the message says.
 */
const GATED_OFF: [version: string, message: RegExp, why: string][] = [
  ['1.20', /spec\.volumes\[\d+\]: Required value: must specify a volume type/, 'volumes[].ephemeral: GenericEphemeralVolume is alpha (off) in 1.20'],
  ['1.20', /volumeMounts\[\d+\]\.name: Not found/, 'and so a mount of that ephemeral volume names no (valid) volume'],
];

describe('valid corpus Pods in every version', () => {
  it('have zero diagnostics wherever their fields exist', { skip: !existsSync(VALID) && 'no ../shared/corpus' }, () => {
    const files = readdirSync(VALID).filter((f) => /\.(ya?ml|json)$/.test(f));
    const wrong: string[] = [];
    let clean = 0;
    for (const version of VERSIONS) {
      const svc = service(version);
      for (const f of files) {
        const diagnostics = svc
          .validate(doc(readFileSync(join(VALID, f), 'utf8'), `file:///${version}/${f}`))
          .filter((d) => !GATED_OFF.some(([v, message]) => v === version && message.test(messageText(d.message))))
          // The deprecation warnings the real server sends with its answer are right to show.
          .filter((d) => !(d.severity === DiagnosticSeverity.Warning && /\bdeprecated\b/.test(messageText(d.message))));
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
  });
});
