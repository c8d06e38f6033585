// Helm chart templates: what is templated is unknown, what is literal is checked. The template is
// the Deployment `helm create` writes (Helm 3, Apache-2.0; test/fixtures/helm-create/deployment.yaml).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createPodLanguageService } from '../../server/src/service';
import { maskTemplate } from '../../server/src/yaml/template';
import { brief, doc, REPO, schemas, service } from '../helpers/service';

const TEMPLATE = readFileSync(resolve(REPO, 'test', 'fixtures', 'helm-create', 'templates', 'deployment.yaml'), 'utf8');
const VALUES = { uri: 'file:///chart/values.yaml', text: readFileSync(resolve(REPO, 'test', 'fixtures', 'helm-create', 'values.yaml'), 'utf8') };
/** The service as the server makes it for a chart's template: with the chart's values file. */
const chartService = () => createPodLanguageService({ schemas, chartValues: () => VALUES });
/** Where `text` (the first time) ends in the template, or `after` characters into it. */
const at = (text: string, find: string, after = find.length) => {
  const offset = text.indexOf(find) + after;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

/** The template with one line replaced (or a line added after it). */
const planted = (find: string, replace: string) => {
  assert.ok(TEMPLATE.includes(find), find);
  return TEMPLATE.replace(find, replace);
};

describe('Helm chart templates', () => {
  it('the mask keeps every offset and line; lines of only actions go blank, actions in a line become placeholders', () => {
    const text = 'metadata:\n  name: {{ include "x" . }}\n  labels:\n    {{- include "l" . | nindent 4 }}\n';
    const mask = maskTemplate(text)!;
    assert.equal(mask.text.length, text.length);
    const action = '{{ include "x" . }}';
    // A placeholder of letters, each one different (`xa…`, `xb…`), so two unknown values never compare equal.
    assert.equal(mask.text, `metadata:\n  name: xa${'x'.repeat(action.length - 2)}\n  labels:\n${' '.repeat(36)}\n`);
    assert.match(maskTemplate('a: {{ .x }}\nb: {{ .y }}\n')!.text, /^a: xaxxxxxx\nb: xbxxxxxx\n$/);
    assert.deepEqual(mask.control, [{ line: 3, column: 4 }]);
    assert.deepEqual(mask.values, [[text.indexOf(action), text.indexOf(action) + action.length]]);
    assert.equal(maskTemplate('apiVersion: v1\nkind: Pod\n'), undefined);
  });

  it("helm create's Deployment: no diagnostics (it had 14 before: YAML errors, Required, a selector that does not match)", () => {
    assert.deepEqual(service().validate(doc(TEMPLATE)).map(brief), []);
  });

  it('every literal fault is still reported on its line, in the server words', () => {
    const cases: [string, string, string][] = [
      [
        'imagePullPolicy: {{',
        'imagePullPolcy: {{',
        '38:11-38:25 unknown-field strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
      ],
      [
        '      serviceAccountName:',
        '      restartPolicy: Sometimes\n      serviceAccountName:',
        '30:22-30:31 unsupported-value spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
      [
        '              protocol: TCP',
        '              protocol: TCP\n            - containerPort: 70000',
        '43:30-43:35 invalid-value spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
      [
        '  {{- if not .Values.autoscaling.enabled }}',
        '  minReadySeconds: "10"\n  {{- if not .Values.autoscaling.enabled }}',
        '8:20-8:24 wrong-type json: cannot unmarshal string into Go struct field DeploymentSpec.spec.minReadySeconds of type int32',
      ],
      [
        '              protocol: TCP',
        '              protocol: TPC',
        '42:25-42:28 unsupported-value spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "TPC": supported values: "SCTP", "TCP", "UDP"',
      ],
    ];
    for (const [find, replace, expected] of cases)
      assert.deepEqual(
        service()
          .validate(doc(planted(find, replace)))
          .map(brief),
        [expected],
        replace,
      );
  });

  it('a required field missing where no action could add it is still missing', () => {
    // The literal sidecar has no image; nothing templated stands in that container.
    const text = planted('      {{- with .Values.volumes }}', '        - name: sidecar\n      {{- with .Values.volumes }}');
    assert.deepEqual(
      service()
        .validate(doc(text))
        .map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`),
      ['53 required spec.template.spec.containers[1].image: Required value'],
    );
  });

  it('completion and hover work on the literal keys of a template', () => {
    // (A template has `|` in its actions: the cursor is placed by hand.)
    const text = planted(
      '          imagePullPolicy: {{ .Values.image.pullPolicy }}',
      '          imagePullPolicy: {{ .Values.image.pullPolicy }}\n          work',
    );
    const at = text.split('\n').findIndex((l) => l === '          work');
    const position = { line: at, character: 14 };
    const items = service()
      .complete(doc(text), position)
      .items.map((i) => i.label);
    assert.ok(items.includes('workingDir'), items.join(', '));
    const lines = TEMPLATE.split('\n');
    const line = lines.findIndex((l) => l.includes('imagePullPolicy'));
    const hover = service().hover(doc(TEMPLATE), { line, character: lines[line].indexOf('imagePullPolicy') + 2 });
    assert.match(JSON.stringify(hover?.contents), /Image pull policy/);
  });

  it("completes .Values. from the chart's values file, key by key, in its order, with defaults and comments", () => {
    const svc = chartService();
    const d = doc(TEMPLATE);
    const keys = svc.complete(d, at(TEMPLATE, '{{ .Values.image.', '{{ .Values.image.'.length)).items;
    assert.deepEqual(
      keys.map((k) => `${k.label} ${k.detail}`),
      ['repository "nginx"', 'pullPolicy "IfNotPresent"', 'tag ""'],
    );
    assert.equal(keys[1].documentation, 'This sets the pull policy for images.');
    const top = svc.complete(d, at(TEMPLATE, '{{ .Values.image.', '{{ .Values.'.length)).items.map((k) => k.label);
    assert.deepEqual(top.slice(0, 4), ['replicaCount', 'image', 'imagePullSecrets', 'nameOverride']);
    // Typed part of a key: only the keys that start with it.
    const typed = TEMPLATE.replace('{{ .Values.service.port }}', '{{ .Values.service.po }}');
    assert.deepEqual(
      svc.complete(doc(typed), at(typed, '.Values.service.po')).items.map((k) => k.label),
      ['port'],
    );
    // An action being typed, not closed yet.
    const typing = TEMPLATE.replace('      containers:\n', '      priorityClassName: {{ .Values.serviceAccount.\n      containers:\n');
    assert.deepEqual(
      svc.complete(doc(typing), at(typing, '{{ .Values.serviceAccount.')).items.map((k) => k.label),
      ['create', 'automount', 'annotations', 'name'],
    );
    // A template goes to no cluster: no Apply, Dry run or Logs on it.
    assert.deepEqual(svc.manifests(d), []);
    // Outside an action: the usual key completion.
    assert.ok(svc.complete(d, at(TEMPLATE, '          imagePullPolicy')).items.length > 0);
  });

  it('hovers a .Values path with its default, and goes to its line in values.yaml', () => {
    const svc = chartService();
    const d = doc(TEMPLATE);
    const on = at(TEMPLATE, '.Values.image.pullPolicy', '.Values.image.pull'.length);
    const hover = svc.hover(d, on);
    assert.equal(
      (hover?.contents as { value: string }).value,
      '`.Values.image.pullPolicy` = `"IfNotPresent"`\n\nThis sets the pull policy for images.\n\n(the chart\'s values.yaml)',
    );
    assert.deepEqual(svc.definition(d, on), { uri: VALUES.uri, range: { start: { line: 9, character: 2 }, end: { line: 9, character: 12 } } });
    // On `image`, the map: its keys.
    const onImage = svc.definition(d, at(TEMPLATE, '.Values.image.pullPolicy', '.Values.im'.length));
    assert.deepEqual(!Array.isArray(onImage) && onImage?.range.start, { line: 6, character: 0 });
    const missing = TEMPLATE.replace('{{ .Values.service.port }}', '{{ .Values.service.nope }}');
    assert.equal(svc.definition(doc(missing), at(missing, '.Values.service.nope', 18)), null);
  });

  it('a manifest with `{{` only inside a value is no chart template: still checked whole, still sent', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: logs}\nspec:\n  containers:\n    - name: app\n      image: nginx\n      args: ["--log-format={{.Level}} {{.Message}}"]\n      imagePullPolcy: Always\n';
    const svc = service();
    assert.deepEqual(
      svc.validate(doc(text)).map((d) => d.code),
      ['unknown-field'],
    );
    assert.deepEqual(
      svc.manifests(doc(text)).map((m) => m.name),
      ['logs'],
    );
  });

  it('the outline shows names as the template writes them', () => {
    const [deployment] = service().symbols(doc(TEMPLATE));
    assert.equal(deployment.name, '{{ include "mychart.fullname" . }}');
    assert.deepEqual(
      deployment.children?.map((c) => `${c.name} ${c.detail}`),
      ['{{ .Chart.Name }} container · "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"'],
    );
  });
});
