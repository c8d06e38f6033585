import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { SHARED } from '../helpers/reference';
import { brief, doc, messageText, REPO, service } from '../helpers/service';

const CORPUS = join(SHARED, 'corpus');

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(dir, f));
}

/**
 * What a valid Pod may get: nothing, except the deprecation warnings the real server sends with
 * its answer too (`spec.volumes[0].gitRepo: deprecated in v1.11`, AppArmor annotations).
 */
export function problems(file: string, version?: '1.35' | '1.30') {
  const text = readFileSync(file, 'utf8');
  return service(version)
    .validate(doc(text, `file://${file}`))
    .filter((d) => !(d.severity === DiagnosticSeverity.Warning && /\bdeprecated\b/.test(messageText(d.message))))
    .map((d) => `${file.slice(file.lastIndexOf('/') + 1)}:${brief(d)}`);
}

describe('valid manifests', () => {
  it('gives valid Pods written every way Kubernetes accepts zero diagnostics', () => {
    assert.deepEqual(problems(resolve(REPO, 'test', 'fixtures', 'valid-pods.yaml')), []);
  });

  it(
    "gives every valid real-world Pod of the corpus zero diagnostics (but the server's deprecation warnings)",
    { skip: !existsSync(CORPUS) && 'no ../shared/corpus' },
    () => {
      const files = filesIn(join(CORPUS, 'valid'));
      assert.ok(files.length >= 90, `${files.length} files`);
      assert.deepEqual(
        files.flatMap((f) => problems(f)),
        [],
      );
    },
  );

  it('reports the feature-gated corpus files as not available in 1.30, each once', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
    const got = filesIn(join(CORPUS, 'valid', 'gated')).flatMap((f) => problems(f, '1.30'));
    // clusterTrustBundle and procMount: Unmasked are in the 1.30 schema, behind feature gates
    // that the schema does not know about; the rules issue covers gates.
    assert.deepEqual(
      got.map((l) => l.split(':')[0]),
      [
        'website-envfile-filekeyref.yaml',
        'website-image-volume-flowstyle.yaml',
        'website-numeric-toleration-gt.yaml',
        'website-pod-level-resources.yaml',
        'website-projected-podcertificate.yaml',
        'website-restart-policy-rules-restart-all-flowstyle.yaml',
        'website-supplemental-groups-policy-strict.yaml',
      ],
    );
    for (const line of got.filter((l) => !l.includes('toleration'))) assert.match(line, /not available in Kubernetes 1\.30 \(added in 1\.3[1-4]\)/);
  });

  it('finds the published-invalid corpus faults where the manifest says, worded as it says', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
    const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as {
      published_invalid_expected: { file: string; line: number; expected_message: string }[];
    };
    for (const expected of manifest.published_invalid_expected) {
      const text = readFileSync(join(CORPUS, expected.file), 'utf8');
      const got = service().validate(doc(text));
      const onLine = got.filter((d) => d.range.start.line + 1 === expected.line);
      assert.ok(onLine.length >= 1, `${expected.file}: nothing on line ${expected.line}: ${got.map(brief).join('; ')}`);
      // The rbd file's expected message names two unknown fields; we report each on its own key.
      const wanted = expected.expected_message.split(/, (?=unknown field)/)[0];
      const words = wanted.replace(/^strict decoding error: /, '');
      assert.ok(
        onLine.some((d) => messageText(d.message).includes(words) || messageText(d.message).startsWith(wanted.split(':')[0])),
        `${expected.file}: ${onLine.map((d) => d.message).join('; ')} vs ${wanted}`,
      );
    }
  });
});
