// `# pod-manifests-disable-next-line CODE…` and `# pod-manifests-disable CODE…`: which diagnostics
// they silence, where, what `suppressed` lists, and the quick fixes that write them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, brief, doc, service, yaml } from '../helpers/service';

const pod = (body: string, header = '') => `${header}apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${body}`;

describe('suppression comments', () => {
  const faulty = `  restartPolicy: Sometimes
  containers:
  - name: app
    image: nginx
    imagePullPolcy: Always
`;

  it('without comments: the two faults', () => {
    assert.deepEqual(
      service()
        .validate(doc(pod(faulty)))
        .map(brief),
      [
        '6:18-6:27 unsupported-value spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        '10:5-10:19 unknown-field strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
      ],
    );
  });

  it('disable-next-line silences the named code on the next line only', () => {
    const text = pod(faulty.replace('    imagePullPolcy', '    # pod-manifests-disable-next-line unknown-field -- a field of our fork\n    imagePullPolcy'));
    const svc = service();
    assert.deepEqual(
      svc.validate(doc(text)).map((d) => d.code),
      ['unsupported-value'],
    );
    assert.deepEqual(
      svc.suppressed(doc(text)).map((s) => `${brief(s.diagnostic).split(' ')[1]} by line ${s.commentLine + 1}`),
      ['unknown-field by line 10'],
    );
    // Another code on that line is not silenced; neither is the code on another line.
    const other = pod(faulty.replace('  restartPolicy', '  # pod-manifests-disable-next-line unknown-field\n  restartPolicy'));
    assert.deepEqual(
      service()
        .validate(doc(other))
        .map((d) => d.code),
      ['unsupported-value', 'unknown-field'],
    );
  });

  it('disable-next-line with no code silences everything on that line; codes may be separated by commas', () => {
    const all = pod(faulty.replace('  restartPolicy', '  # pod-manifests-disable-next-line\n  restartPolicy'));
    assert.deepEqual(
      service()
        .validate(doc(all))
        .map((d) => d.code),
      ['unknown-field'],
    );
    const two = pod(faulty.replace('  restartPolicy', '  # pod-manifests-disable-next-line required,unsupported-value\n  restartPolicy'));
    assert.deepEqual(
      service()
        .validate(doc(two))
        .map((d) => d.code),
      ['unknown-field'],
    );
  });

  it('disable at the top of a document silences the code in that document, not in the next one, and not from further down', () => {
    const text = [
      pod(faulty, '# pods of the legacy team\n# pod-manifests-disable unknown-field\n'),
      pod(faulty, '---\n# pod-manifests-disable unsupported-value\n'),
      pod(faulty, '---\n').replace('spec:\n', '# pod-manifests-disable unknown-field unsupported-value\nspec:\n'),
    ].join('');
    assert.deepEqual(
      service()
        .validate(doc(text))
        .map((d) => `${d.range.start.line + 1} ${d.code}`),
      // document 1 keeps restartPolicy; document 2 keeps the misspelt key; document 3 (comment not at the top) keeps both
      ['8 unsupported-value', '24 unknown-field', '32 unsupported-value', '36 unknown-field'],
    );
  });

  it('quick fixes write the comment, above the line with its indentation, or at the top of the document after its header comments', () => {
    const text = pod(faulty, '---\n# team: web\n');
    const svc = service();
    const d = doc(text);
    const [unknown] = svc.validate(d).filter((x) => x.code === 'unknown-field');
    const actions = svc.codeActions(d, unknown.range, [unknown]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to imagePullPolicy', 'Disable unknown-field on this line', 'Disable unknown-field in this document'],
    );
    const onLine = applyEdits(text, actions[1].edit!.changes![d.uri]);
    assert.match(onLine, /\n {4}# pod-manifests-disable-next-line unknown-field\n {4}imagePullPolcy: Always\n/);
    assert.deepEqual(
      svc.validate(doc(onLine)).map((x) => x.code),
      ['unsupported-value'],
    );
    const inDocument = applyEdits(text, actions[2].edit!.changes![d.uri]);
    assert.ok(inDocument.startsWith('---\n# team: web\n# pod-manifests-disable unknown-field\napiVersion: v1\n'), inDocument);
    // A second code joins the comment that is there.
    const d2 = doc(inDocument);
    const [policy] = svc.validate(d2).filter((x) => x.code === 'unsupported-value');
    const again = svc.codeActions(d2, policy.range, [policy]);
    const both = applyEdits(inDocument, again.find((a) => a.title === 'Disable unsupported-value in this document')!.edit!.changes![d2.uri]);
    assert.ok(both.startsWith('---\n# team: web\n# pod-manifests-disable unknown-field unsupported-value\napiVersion: v1\n'), both);
    assert.deepEqual(svc.validate(doc(both)), []);
  });

  it('a comment with the words inside a value is no comment', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        annotations:
          note: "# pod-manifests-disable unknown-field"
      spec:
        containers:
        - name: app
          image: nginx
          imagePullPolcy: Always
    `;
    assert.deepEqual(
      service()
        .validate(doc(text))
        .map((d) => d.code),
      ['unknown-field'],
    );
  });
});
