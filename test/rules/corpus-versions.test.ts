/**
 * Every valid Pod of the corpus passes clean in every bundled version that has its fields: a
 * version that lacks one of them reports only that ("not available in Kubernetes 1.NN").
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VERSIONS } from '../../server/src/schema/versions';
import { SHARED } from '../helpers/reference';
import { brief, doc, service } from '../helpers/service';

const VALID = join(SHARED, 'corpus', 'valid');

describe('valid corpus Pods in every version', () => {
  it('have zero diagnostics wherever their fields exist', { skip: !existsSync(VALID) && 'no ../shared/corpus' }, () => {
    const files = readdirSync(VALID).filter((f) => /\.(ya?ml|json)$/.test(f));
    const wrong: string[] = [];
    let clean = 0;
    for (const version of VERSIONS) {
      const svc = service(version);
      for (const f of files) {
        const diagnostics = svc.validate(doc(readFileSync(join(VALID, f), 'utf8'), `file:///${version}/${f}`));
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
