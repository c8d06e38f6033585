import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { PodSchema } from '../../server/src/schema/types';
import { referenceAvailable, referenceFields } from '../helpers/reference';
import { doc, REPO, service, withCursor, yaml } from '../helpers/service';

function hoverText(marked: string, version?: '1.20' | '1.35'): string | undefined {
  const { text, position } = withCursor(marked);
  const h = service(version).hover(doc(text), position);
  return h ? (h.contents as MarkupContent).value : undefined;
}

/**
 * A Pod in which the reference field `dotted` (of the Pod, PodSpec or PodStatus section) is
 * written, with the cursor on its key. List fields get one item: `tolerations.key` is written
 * as `tolerations:` + `- key:`.
 */
export function podWithField(section: 'Pod' | 'PodSpec' | 'PodStatus', dotted: string, schema: PodSchema): string {
  const names = [...({ Pod: [], PodSpec: ['spec'], PodStatus: ['status'] } as const)[section], ...dotted.split('.')];
  if (names.length === 1 && (names[0] === 'apiVersion' || names[0] === 'kind')) {
    return names[0] === 'apiVersion' ? '|apiVersion: v1\nkind: Pod\n' : 'apiVersion: v1\n|kind: Pod\n';
  }
  const lines = ['apiVersion: v1', 'kind: Pod'];
  let type = 'Pod';
  let indent = '';
  let itemDash = false; // the next key opens a list item
  names.forEach((name, i) => {
    const last = i === names.length - 1;
    lines.push(`${indent}${itemDash ? '- ' : ''}${last ? '|' : ''}${name}:`);
    if (itemDash) indent += '  ';
    itemDash = false;
    const field = schema.types[type]?.properties[name];
    if (last || !field) return;
    indent += '  ';
    if (field.kind === 'array') {
      itemDash = true;
      type = field.items?.ref ?? '';
    } else type = field.ref ?? '';
  });
  return lines.join('\n') + '\n';
}

const unescapeMd = (s: string) => s.replace(/\\</g, '<');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('hover', () => {
  it('shows path, type, required, allowed values and description of a key', () => {
    const text = hoverText(yaml`
      apiVersion: v1
      kind: Pod
      spec:
        |restartPolicy: Always
    `);
    assert.ok(text);
    assert.match(
      text,
      /^\*\*restartPolicy\*\* · `string`\n\n`spec\.restartPolicy`\n\nAllowed values: `Always`, `OnFailure`, `Never`\n\n---\n\nRestart policy for all containers within the pod\./,
    );
  });

  it('shows Kubernetes type names: []Container, map[string]string, Quantity, IntOrString', () => {
    const types = [
      ['spec:\n  |containers: []', '`[]Container` · required'],
      ['metadata:\n  |labels: {}', '`map[string]string`'],
      ['spec:\n  containers:\n  - name: a\n    resources:\n      limits:\n        |cpu: 1', '`Quantity`'],
      ['spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet:\n        |port: 80', '`IntOrString` · required'],
    ];
    for (const [body, expected] of types) {
      const text = hoverText(`apiVersion: v1\nkind: Pod\n${body}\n`);
      assert.ok(text?.includes(expected), `${body}: ${text?.split('\n')[0]}`);
    }
  });

  it('says what a Quantity value amounts to', () => {
    const at = (value: string, key = 'cpu') =>
      hoverText(`apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources:\n      requests:\n        ${key}: |${value}\n`);
    assert.match(at('500m') ?? '', /500m = 0\.5 CPU \(500 millicores\)/);
    assert.match(at('1Gi', 'memory') ?? '', /1Gi = 1,073,741,824 bytes \(1 GiB\)/);
    assert.match(at('"2"') ?? '', /2 = 2 CPU/);
  });

  it('gives a field without a description its path and type', () => {
    const text = hoverText('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    |ports:\n    - containerPort: 80\n');
    assert.ok(text?.startsWith('**ports** · `[]ContainerPort`'));
  });

  it('has no hover outside Pods and workloads', () => {
    assert.equal(hoverText('apiVersion: v1\nkind: Service\nspec:\n  |type: ClusterIP\n'), undefined);
  });

  it("shows a workload's fields, and inside its template what a Pod shows", () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n';
    const strategy = hoverText(deployment + '  |strategy:\n    type: Recreate\n');
    assert.match(
      strategy ?? '',
      /^\*\*strategy\*\* · `DeploymentStrategy`\n\n`spec.strategy`\n\n---\n\nThe deployment strategy to use to replace existing pods with new ones\./,
    );
    const inTemplate = hoverText(deployment + '  template:\n    spec:\n      containers:\n      - |image: nginx\n');
    const inPod = hoverText('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - |image: nginx\n');
    assert.equal(inTemplate, inPod?.replace('`spec.containers[0].image`', '`spec.template.spec.containers[0].image`'));
    // batch/v1beta1 in 1.20: CronJob's own description of the schedule.
    assert.match(hoverText('apiVersion: batch/v1beta1\nkind: CronJob\nspec:\n  |schedule: "* * * * *"\n', '1.20') ?? '', /The schedule in Cron format/);
  });

  it('shows the allowed values of a workload field that the rules check (concurrencyPolicy, strategy type)', () => {
    const cronJob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  |concurrencyPolicy: Forbid\n';
    assert.match(
      hoverText(cronJob) ?? '',
      /^\*\*concurrencyPolicy\*\* · `string`\n\n`spec\.concurrencyPolicy`\n\nAllowed values: `Allow`, `Forbid`, `Replace`\n\n---\n\nSpecifies how to treat concurrent executions of a Job\./,
    );
    assert.match(
      hoverText('apiVersion: batch/v1beta1\nkind: CronJob\nspec:\n  |concurrencyPolicy: Allow\n', '1.20') ?? '',
      /Allowed values: `Allow`, `Forbid`, `Replace`/,
    );
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    |type: Recreate\n';
    assert.match(hoverText(deployment) ?? '', /Allowed values: `Recreate`, `RollingUpdate`/);
  });

  const fields = referenceAvailable() ? referenceFields() : [];
  it(
    'shows the exact 1.20 description of every field of the Pod reference page with version 1.20',
    { skip: !referenceAvailable() && 'no ../shared/reference' },
    () => {
      const schema = JSON.parse(readFileSync(resolve(REPO, 'schemas', 'pod-v1.20.json'), 'utf8')) as PodSchema;
      assert.ok(fields.length >= 95, `read ${fields.length} fields`);
      const wrong: string[] = [];
      for (const f of fields) {
        const text = hoverText(podWithField(f.section as 'Pod', f.name, schema), '1.20');
        const shown = text?.split('\n---\n\n')[1];
        // The page wraps lines inside lists; the words and the Markdown escapes are the same.
        if (!f.description) {
          // No description on the page: the hover still names the field and its type.
          if (!text?.startsWith(`**${f.name.split('.').pop()}** · \``) || shown !== undefined) wrong.push(`${f.section}.${f.name} (no description)`);
        } else if (!shown || squash(shown) !== squash(f.description)) wrong.push(`${f.section}.${f.name}: ${JSON.stringify(shown?.slice(0, 80))}`);
      }
      assert.deepEqual(wrong, []);
    },
  );

  it('shows the newest schema text for those fields with the newest version', { skip: !referenceAvailable() && 'no ../shared/reference' }, () => {
    const schema = JSON.parse(readFileSync(resolve(REPO, 'schemas', 'pod-v1.35.json'), 'utf8')) as PodSchema;
    const wrong: string[] = [];
    let checked = 0;
    for (const f of fields) {
      const text = hoverText(podWithField(f.section as 'Pod', f.name, schema), '1.35');
      let type = { Pod: 'Pod', PodSpec: 'PodSpec', PodStatus: 'PodStatus' }[f.section]!;
      let field;
      for (const part of f.name.split('.')) {
        field = schema.types[type]?.properties[part];
        if (!field) break;
        let inner = field;
        while (inner.kind === 'array' && inner.items) inner = inner.items;
        type = inner.ref ?? '';
      }
      if (!field) continue; // gone from the newest schema (e.g. serviceAccount stays; none vanish today)
      checked++;
      const expected = field.description ?? '';
      const shown = text?.split('\n---\n\n')[1];
      if (expected && unescapeMd(shown ?? '') !== expected) wrong.push(`${f.section}.${f.name}`);
      if (!expected && !text?.includes(`**${f.name.split('.').pop()}**`)) wrong.push(`${f.section}.${f.name} (no description)`);
    }
    assert.ok(checked >= 95, `checked ${checked}`);
    assert.deepEqual(wrong, []);
  });
});
