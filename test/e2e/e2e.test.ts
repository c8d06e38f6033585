// End to end, the way a user meets the extension: the packaged pod-manifests.vsix installed
// into a real VS Code (code-server), a workspace of Pod files opened in chromium, and the
// cluster commands run against the local kube-apiserver (test/cluster). Every step awaits a UI
// event (a selector appearing), never a fixed sleep, and keeps a screenshot.
//
//   npm run test:e2e      (packages the .vsix first; needs bash test/e2e/setup-code-server.sh)
//
// Screenshots go to $POD_MANIFESTS_E2E_ARTIFACTS (default: a new temp dir); the paths are printed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { uniqueName, useCluster, type Cluster } from '../cluster/helper';
import { launchBrowser, ROOT, startCodeServer, type CodeServer } from './codeServer';

const VSIX = process.env.POD_MANIFESTS_VSIX ?? path.join(ROOT, 'pod-manifests.vsix');
const STEP_MS = 60_000;

describe('e2e: the .vsix in code-server', { timeout: 10 * 60_000 }, () => {
  let cluster: Cluster;
  let cs: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let work: string;
  let shots: string;
  let namespace: string;
  let shotNo = 0;
  const saved: string[] = [];

  async function shot(name: string): Promise<string> {
    const file = path.join(shots, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    saved.push(file);
    return file;
  }

  /** Runs one user step; a screenshot after it, or on failure one with the failure's path. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
      await shot(name);
    } catch (e) {
      const file = await shot(`${name}-FAILED`);
      process.stderr.write(`\ne2e step "${name}" failed; screenshot: ${file}\nall screenshots: ${shots}\n`);
      if (cs) process.stderr.write(`code-server log (tail):\n${cs.log().split('\n').slice(-30).join('\n')}\n`);
      throw e;
    }
  }

  async function openFile(name: string): Promise<void> {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: STEP_MS });
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: STEP_MS });
  }

  /** F1, the command's title, Enter on the matching entry. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: STEP_MS });
    await page.keyboard.type(title);
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
  }

  async function showProblems(): Promise<void> {
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel', { state: 'visible', timeout: STEP_MS });
  }

  /** The editor token (a span of a .view-line) whose text is exactly `text`. */
  function token(line: string | RegExp, text: string): Locator {
    return page
      .locator('.monaco-editor .view-line')
      .filter({ hasText: line })
      .first()
      .locator('span > span', { hasText: new RegExp(`^${text}$`) })
      .first();
  }

  const kube = (p: string) => cluster.request('GET', p);

  /** Types on the last line of the active editor (a fixture's last line is the empty one after its newline). */
  /** Opens the suggest widget at the cursor; its labels once a container's `imagePullPolicy` is among them. */
  async function containerSuggestions(): Promise<string[]> {
    await page.keyboard.press('Control+Space');
    await page
      .locator('.suggest-widget.visible .monaco-list-row .label-name', { hasText: /^imagePullPolicy$/ })
      .first()
      .waitFor({ timeout: STEP_MS });
    return page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
  }

  async function typeAtEnd(text: string): Promise<void> {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  }

  /**
   * A new file in the workspace with the fixture's text, opened: the scratch the user types in.
   * code-server saves typing after a second (files.autoSave afterDelay, its web default), so
   * typing happens only here, never in a file of the workspace.
   */
  let scratchNo = 0;
  async function openScratch(fixture: string): Promise<string> {
    const name = `scratch-${++scratchNo}.yaml`;
    fs.writeFileSync(path.join(work, 'pods', name), fs.readFileSync(path.join(__dirname, 'workspace', fixture), 'utf8'));
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_MS });
    await openFile(name);
    return name;
  }

  /** Closes the scratch without a prompt and deletes it: the workspace is as it was. */
  async function dropScratch(name: string): Promise<void> {
    await page.keyboard.press('Escape');
    await runCommand('View: Revert and Close Editor');
    await page.waitForSelector(`.tab[aria-label*="${name}"]`, { state: 'detached', timeout: STEP_MS });
    // A file changed by a workspace edit (a rename, a quick fix) can be saved once more by
    // code-server after its editor is reverted and closed: it is deleted again until the explorer,
    // refreshed, no longer lists it.
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    for (let attempt = 1; ; attempt++) {
      fs.rmSync(path.join(work, 'pods', name), { force: true });
      await runCommand('Refresh Explorer');
      const gone = await row.waitFor({ state: 'detached', timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (gone && !fs.existsSync(path.join(work, 'pods', name))) break;
      if (attempt === 10) throw new Error(`${name} is still in the explorer after ${attempt} deletions`);
    }
  }

  /**
   * Awaits an error squiggle drawn at the height of the editor line that contains `text`. The
   * editor redraws its decorations as diagnostics come, so the geometry is read in the page, in
   * one go (and no named function inside: tsx's __name helper does not exist in the page).
   */
  async function squiggleOnLine(text: string, severity: 'error' | 'warning' = 'error'): Promise<void> {
    type El = { textContent: string | null; getBoundingClientRect(): { top: number; bottom: number } };
    type Doc = { querySelectorAll(selector: string): ArrayLike<El> };
    await page.waitForFunction(
      ([t, s]) => {
        const doc = (globalThis as unknown as { document: Doc }).document;
        // The editor writes spaces as no-break spaces.
        const line = Array.from(doc.querySelectorAll('.monaco-editor .view-line')).find((e) => e.textContent?.replace(/\u00a0/g, ' ').includes(t));
        if (!line) return false;
        const l = line.getBoundingClientRect();
        return Array.from(doc.querySelectorAll(`.monaco-editor .squiggly-${s}`)).some((e) => {
          const r = e.getBoundingClientRect();
          return r.bottom > r.top && r.top >= l.top - 1 && r.bottom <= l.bottom + 1;
        });
      },
      [text, severity] as const,
      { timeout: STEP_MS },
    );
  }

  /** A workspace file is as it was copied in: nothing (the extension included) wrote to it. */
  /** @param fixture where the file came from, under test/e2e/workspace (default: the same name) */
  function assertUnchanged(name: string, fixture_ = name): void {
    const fixture = fs.readFileSync(path.join(__dirname, 'workspace', fixture_), 'utf8');
    assert.equal(fs.readFileSync(path.join(work, 'pods', name), 'utf8'), fixture, `${name} changed on disk`);
  }

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run npm run package first (npm run test:e2e does)`);
    shots = process.env.POD_MANIFESTS_E2E_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pod-manifests-e2e-shots-'));
    fs.mkdirSync(shots, { recursive: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-manifests-e2e-'));
    cluster = await useCluster();
    namespace = uniqueName('e2e');
    const ns = await cluster.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
    assert.equal(ns.status, 201, ns.body);
    // the workspace: copies of test/e2e/workspace (typing must not change the fixtures)
    const ws = path.join(work, 'pods');
    fs.mkdirSync(ws);
    for (const f of fs.readdirSync(path.join(__dirname, 'workspace'))) {
      const text = fs.readFileSync(path.join(__dirname, 'workspace', f), 'utf8').replaceAll('pod-manifests-node', cluster.nodeName);
      fs.writeFileSync(path.join(ws, f), text);
    }
    // and a Helm chart: the Deployment `helm create` writes, with its values
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'helm-create'), path.join(ws, 'chart'), { recursive: true });
    // (renamed: the explorer has a deployment.yaml of its own at the top)
    fs.renameSync(path.join(ws, 'chart', 'templates', 'deployment.yaml'), path.join(ws, 'chart', 'templates', 'app.yaml'));
    cs = await startCodeServer({
      folder: ws,
      vsix: VSIX,
      dir: path.join(work, 'code-server'),
      env: { KUBECONFIG: cluster.kubeconfig },
      // a theme where strings, numbers and language constants have three different colours
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    ({ context: browser, page } = await launchBrowser(path.join(work, 'profile')));
    page.setDefaultTimeout(STEP_MS);
    process.stdout.write(`e2e: code-server ${cs.url}, workspace ${ws}, screenshots ${shots}\n`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await cs?.stop();
    cluster?.release();
    if (saved.length) process.stdout.write(`e2e screenshots (${saved.length}):\n${saved.map((s) => `  ${s}`).join('\n')}\n`);
    if (work && !process.env.POD_MANIFESTS_E2E_KEEP) fs.rmSync(work, { recursive: true, force: true });
  });

  it('opens a workspace of Pod files', async () => {
    await step('workspace', async () => {
      await page.goto(`${cs!.url}/?folder=${encodeURIComponent(path.join(work, 'pods'))}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'typo.yaml' }).first().waitFor({ timeout: STEP_MS });
    });
  });

  it("shows a typo's diagnostic in the editor and in the Problems panel", async () => {
    await step('typo-squiggle', async () => {
      await openFile('typo.yaml');
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: STEP_MS });
    });
    await step('typo-problems', async () => {
      await showProblems();
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'imagePullPolcy' }).first();
      await row.waitFor({ timeout: STEP_MS });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /unknown field "spec\.containers\[0\]\.imagePullPolcy"/);
      assert.match(text, /pod-manifests/);
      assert.match(text, /Ln 12/);
    });
  });

  it('hovers restartPolicy and reads its description', async () => {
    await step('hover-restartPolicy', async () => {
      await token('restartPolicy', 'restartPolicy').hover();
      const hover = page.locator('.monaco-hover-content', { hasText: 'Restart policy for all containers within the pod' }).first();
      await hover.waitFor({ timeout: STEP_MS });
      const text = await hover.innerText();
      assert.match(text, /spec\.restartPolicy/);
    });
    await page.mouse.move(1, 1);
  });

  it('completes the keys of spec.containers[0] in the documented order', async () => {
    await step('completion', async () => {
      await openFile('complete.yaml');
      // the server has the document once its first diagnostics are there (restartPolicy: Sometimes)
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: STEP_MS });
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('  - ');
      const labels = await containerSuggestions();
      assert.deepEqual(labels.slice(0, 3), ['name', 'image', 'imagePullPolicy'], `suggest widget: ${labels.join(', ')}`);
      assert.ok(labels.indexOf('command') > 2, `suggest widget: ${labels.join(', ')}`);
    });
    await page.keyboard.press('Escape');
  });

  it("dry-runs a Pod with containerPort: 70000 and shows the server's message on that line", async () => {
    await step('dry-run', async () => {
      await openFile('port.yaml');
      await page.locator('.codelens-decoration a', { hasText: 'Dry run' }).first().click();
      await showProblems();
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'cluster' }).filter({ hasText: '65535' }).first();
      await row.waitFor({ timeout: STEP_MS });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive/);
      assert.match(text, /Ln 11/);
    });
    await step('dry-run-hover', async () => {
      await token('containerPort', '70000').hover();
      await page.locator('.monaco-hover-content', { hasText: 'cluster' }).filter({ hasText: '65535' }).first().waitFor({ timeout: STEP_MS });
    });
    await page.mouse.move(1, 1);
  });

  it('switches the namespace (status bar shows it)', async () => {
    await step('switch-namespace', async () => {
      await runCommand('Pod Manifests: Switch Namespace');
      // the input box comes after the extension has read the kubeconfig: wait for its title
      await page.locator('.quick-input-widget', { hasText: 'namespace for Pods that name none' }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Control+A');
      await page.keyboard.type(namespace);
      await page.keyboard.press('Enter');
      await page
        .locator('.statusbar-item', { hasText: `/ ${namespace}` })
        .first()
        .waitFor({ timeout: STEP_MS });
    });
  });

  it('applies a Pod and the API server has it', async () => {
    await step('apply-confirm', async () => {
      await openFile('web.yaml');
      await page.locator('.codelens-decoration a', { hasText: 'Apply' }).first().click();
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ timeout: STEP_MS });
      assert.match(await dialog.innerText(), new RegExp(`Apply Pod "e2e-web" to .*namespace "${namespace}"`));
    });
    await step('applied', async () => {
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Apply' }).first().click();
      // no UI event says "stored": ask the API server until it has the Pod (bounded)
      const deadline = Date.now() + STEP_MS;
      let got = await kube(`/api/v1/namespaces/${namespace}/pods/e2e-web`);
      while (got.status === 404 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        got = await kube(`/api/v1/namespaces/${namespace}/pods/e2e-web`);
      }
      assert.equal(got.status, 200, got.body);
      const pod = got.json();
      assert.equal(pod.spec.containers[0].image, 'nginx:1.27');
      assert.ok(pod.metadata.managedFields.some((f: { manager: string; operation: string }) => f.manager === 'pod-manifests' && f.operation === 'Apply'));
    });
  });

  it('follows the Pod logs in a terminal', async () => {
    const target = { namespace, pod: 'e2e-web', container: 'app' };
    await cluster.kubelet('POST', '/control/emit', { ...target, lines: ['e2e earlier line'] });
    await step('logs', async () => {
      await page.locator('.codelens-decoration a', { hasText: 'Logs' }).first().click();
      await page.waitForSelector('.terminal-wrapper', { timeout: STEP_MS });
      await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'e2e earlier line' }).first().waitFor({ timeout: STEP_MS });
      await cluster.waitForStreams(namespace, 'e2e-web', 'app', 1, STEP_MS);
      await cluster.kubelet('POST', '/control/emit', { ...target, lines: ['e2e streamed line 1', 'e2e streamed line 2'] });
      await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'e2e streamed line 2' }).first().waitFor({ timeout: STEP_MS });
    });
  });

  it('dry-runs the applied Pod with a newer image: the diff of the live Pod and the answer opens, and the cluster is unchanged', async () => {
    await step('dry-run-diff', async () => {
      await openFile('web-newer-image.yaml');
      await page.locator('.codelens-decoration a', { hasText: 'Dry run' }).first().click();
      await page.waitForSelector(`.tab.active[aria-label*="Pod ${namespace}/e2e-web: live ↔ dry run"]`, { timeout: STEP_MS });
      const sides = page.locator('.monaco-diff-editor .editor.modified .view-lines');
      await sides.filter({ hasText: 'nginx:1.28' }).first().waitFor({ timeout: STEP_MS });
      assert.match(await page.locator('.monaco-diff-editor .editor.original .view-lines').first().innerText(), /nginx:1\.27/);
      const live = await kube(`/api/v1/namespaces/${namespace}/pods/e2e-web`);
      assert.equal(live.json().spec.containers[0].image, 'nginx:1.27', 'a dry run changes nothing');
    });
    await page.keyboard.press('Escape');
    await runCommand('View: Close Editor');
    assertUnchanged('web-newer-image.yaml');
  });

  it('applies a Deployment: its rollout in the CodeLens; a Pod in ImagePullBackOff squiggles the image, with the reason in the hover and the Problems panel', async () => {
    await step('rollout-apply', async () => {
      await openFile('rollout.yaml');
      await page.locator('.codelens-decoration a', { hasText: 'Apply' }).first().click();
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ timeout: STEP_MS });
      assert.match(await dialog.innerText(), new RegExp(`Apply Deployment "e2e-rollout" to .*namespace "${namespace}"`));
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Apply' }).first().click();
      // The real controller-manager makes the ReplicaSet and its 2 Pods; the lens follows it.
      await page.locator('.codelens-decoration', { hasText: '2/2 updated' }).first().waitFor({ timeout: STEP_MS });
    });
    await step('rollout-image-pull', async () => {
      const pods = (await kube(`/api/v1/namespaces/${namespace}/pods?labelSelector=app%3De2e-rollout`)).json<{ items: { metadata: { name: string } }[] }>()
        .items;
      assert.equal(pods.length, 2);
      // As the kubelet would report it (nothing here pulls images): the status subresource.
      const set = await cluster.request('PATCH', `/api/v1/namespaces/${namespace}/pods/${pods[0].metadata.name}/status`, {
        body: {
          status: {
            containerStatuses: [
              {
                name: 'app',
                ready: false,
                restartCount: 0,
                image: 'registry.example/e2e:1',
                imageID: '',
                state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example/e2e:1"' } },
              },
            ],
          },
        },
        contentType: 'application/strategic-merge-patch+json',
      });
      assert.equal(set.status, 200, set.body);
      await squiggleOnLine('registry.example/e2e:1');
      // The grammar splits an image reference into tokens (registry, name, tag): hover the registry's.
      await page
        .locator('.monaco-editor .view-line', { hasText: 'registry.example' })
        .first()
        .locator('span > span', { hasText: /registry/ })
        .first()
        .hover();
      await page.locator('.monaco-hover-content', { hasText: 'ImagePullBackOff' }).first().waitFor({ timeout: STEP_MS });
      await page.mouse.move(1, 1);
      await showProblems();
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'cluster' }).filter({ hasText: 'ImagePullBackOff' }).first();
      await row.waitFor({ timeout: STEP_MS });
      assert.match((await row.innerText()).replace(/\s+/g, ' '), /Ln 17/);
    });
    await step('rollout-events', async () => {
      // The status lens opens the events and conditions, as kubectl describe ends.
      await page.locator('.codelens-decoration a', { hasText: '2/2 updated' }).first().click();
      await page.waitForSelector('.tab.active[aria-label*="e2e-rollout.events"]', { timeout: STEP_MS });
      await page.locator('.monaco-editor .view-line', { hasText: 'ScalingReplicaSet' }).first().waitFor({ timeout: STEP_MS });
      await page.locator('.monaco-editor .view-line', { hasText: 'Events (newest first):' }).first().waitFor({ timeout: STEP_MS });
    });
    assertUnchanged('rollout.yaml');
  });

  it("opens a chart's template with no squiggles; a misspelt literal key is squiggled; .Values. completes from the chart's values", async () => {
    /** Ctrl+P, the path, Enter. */
    async function quickOpen(relativePath: string, name: string): Promise<void> {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: STEP_MS });
      await page.keyboard.type(relativePath);
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: STEP_MS });
    }
    await step('chart-template-clean', async () => {
      await quickOpen('chart/templates/app.yaml', 'app.yaml');
      // The server has analysed it once a literal key's hover shows its documentation.
      await token('replicas:', 'replicas').hover();
      await page.locator('.monaco-hover-content', { hasText: 'Number of desired pods' }).first().waitFor({ timeout: STEP_MS });
      await page.mouse.move(1, 1);
      assert.equal(await page.locator('.monaco-editor .squiggly-error').count(), 0, 'a squiggle in the chart template');
    });
    // Typing goes into a copy beside it, in the chart's templates/, so that .Values is the chart's.
    const scratch = path.join(work, 'pods', 'chart', 'templates', 'scratch.yaml');
    fs.copyFileSync(path.join(work, 'pods', 'chart', 'templates', 'app.yaml'), scratch);
    try {
      await step('chart-template-typo', async () => {
        await quickOpen('chart/templates/scratch.yaml', 'scratch.yaml');
        await typeAtEnd('      restartPolcy: Always');
        await squiggleOnLine('restartPolcy');
      });
      await step('chart-template-values', async () => {
        await page.keyboard.press('Enter');
        await page.keyboard.type('priorityClassName: {{ .Values.');
        await page.keyboard.press('Control+Space');
        const labels = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
        await labels
          .filter({ hasText: /^replicaCount$/ })
          .first()
          .waitFor({ timeout: STEP_MS });
        const shown = await labels.allTextContents();
        // (the widget renders the rows in view: the first dozen keys)
        assert.ok(shown.includes('image') && shown.includes('service'), shown.join(', '));
        await page.keyboard.press('Escape');
      });
      await page.keyboard.press('Escape');
      await runCommand('View: Revert and Close Editor');
      await page.waitForSelector('.tab[aria-label*="scratch.yaml"]', { state: 'detached', timeout: STEP_MS });
    } finally {
      fs.rmSync(scratch, { force: true });
    }
    assertUnchanged('chart/templates/app.yaml', path.join('..', '..', 'fixtures', 'helm-create', 'templates', 'deployment.yaml'));
  });

  it('highlights quantities, YAML 1.1 values and image references (grammar)', async () => {
    await step('grammar', async () => {
      const installed = fs.readdirSync(path.join(cs!.dir, 'extensions')).find((d) => d.startsWith('pod-manifests.pod-manifests-'));
      assert.ok(installed, 'the extension is not in the extensions dir');
      const grammarFile = path.join(cs!.dir, 'extensions', installed, 'syntaxes', 'pod-manifests.injection.tmLanguage.json');
      assert.ok(fs.existsSync(grammarFile), `the .vsix has no syntaxes/pod-manifests.injection.tmLanguage.json (is !syntaxes/*.json in .vscodeignore?)`);
      await openFile('typo.yaml');
      // without the injection these are plain scalars, coloured like any string value
      await token('memory: 1Gi', '1Gi').waitFor({ timeout: STEP_MS });
      const color = (l: Locator) => l.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);
      const plain = await color(token('name: web-config', 'web-config'));
      assert.notEqual(await color(token('memory: 1Gi', '1Gi')), plain, 'a quantity looks like a plain string');
      assert.notEqual(await color(token('stdin', 'yes')), plain, 'a YAML 1.1 boolean looks like a plain string');
      assert.notEqual(await color(token('defaultMode', '0644')), plain, 'an octal 0644 looks like a plain string');
      assert.notEqual(await color(token('image:', 'team/web')), plain, 'an image reference looks like a plain string');
    });
  });

  it('hovers strategy in a Deployment and reads its description', async () => {
    await step('deployment-hover-strategy', async () => {
      await openFile('deployment.yaml');
      await token('strategy:', 'strategy').hover();
      const hover = page.locator('.monaco-hover-content', { hasText: 'The deployment strategy to use to replace existing pods with new ones.' }).first();
      await hover.waitFor({ timeout: STEP_MS });
      const text = await hover.innerText();
      assert.match(text, /spec\.strategy/);
      assert.match(text, /DeploymentStrategy/);
    });
    await page.mouse.move(1, 1);
  });

  it("squiggles a typo typed into a Deployment's template on its line", async () => {
    let scratch = '';
    await step('deployment-typo-squiggle', async () => {
      scratch = await openScratch('deployment.yaml');
      await token('name: e2e-deploy', 'e2e-deploy').waitFor({ timeout: STEP_MS });
      await typeAtEnd('        imagePullPolcy: Always');
      await page.keyboard.press('Escape');
      await squiggleOnLine('imagePullPolcy');
    });
    await step('deployment-typo-problems', async () => {
      await showProblems();
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'spec.template.spec.containers[0].imagePullPolcy' }).first();
      await row.waitFor({ timeout: STEP_MS });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy" \(did you mean imagePullPolicy\?\)/);
      assert.match(text, /pod-manifests/);
      assert.match(text, /Ln 20\b/);
    });
    await step('deployment-typo-scratch-removed', async () => {
      await dropScratch(scratch);
      assertUnchanged('deployment.yaml');
    });
  });

  it("completes the keys of a Deployment's spec.template.spec.containers[0] as a Pod's container", async () => {
    let scratch = '';
    await step('deployment-completion', async () => {
      scratch = await openScratch('deployment.yaml');
      await token('name: e2e-deploy', 'e2e-deploy').waitFor({ timeout: STEP_MS });
      await typeAtEnd('        ');
      const labels = await containerSuggestions();
      // a Pod's container with name and image present (test/cases/completion.ts): those two left out, then the documented order
      assert.deepEqual(labels.slice(0, 3), ['imagePullPolicy', 'command', 'args'], `suggest widget: ${labels.join(', ')}`);
      assert.ok(!labels.includes('name') && !labels.includes('image'), `suggest widget: ${labels.join(', ')}`);
    });
    await step('deployment-completion-scratch-removed', async () => {
      await dropScratch(scratch);
      assertUnchanged('deployment.yaml');
    });
  });

  it('warns on the template container of a Deployment in a namespace that enforces restricted, and the quick fix clears it', async () => {
    let scratch = '';
    await step('pod-security-warnings', async () => {
      scratch = await openScratch('restricted.yaml');
      await token('name: e2e-locked', 'e2e-locked').waitFor({ timeout: STEP_MS });
      // The Namespace document above it says enforce: restricted; the status bar says so too.
      await page.locator('.statusbar-item', { hasText: 'restricted:latest' }).first().waitFor({ timeout: STEP_MS });
      await squiggleOnLine('- name: app', 'warning');
      await showProblems();
      // Only this file's Pod Security rows: the other files' fill the panel above them.
      await page
        .getByPlaceholder(/^Filter \(e\.g\./)
        .first()
        .fill('pod-security');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'pod-security/allowPrivilegeEscalation' }).first();
      await row.waitFor({ timeout: STEP_MS });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(
        text,
        /would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "app" must set securityContext\.allowPrivilegeEscalation=false\)/,
      );
      assert.match(text, /Ln 23\b/);
    });
    await step('pod-security-quick-fix', async () => {
      await token(/-\sname:\sapp/, 'name').click();
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Make container "app" restricted' }).first().click();
      // The four fields are written under the container; every pod-security row goes.
      await page
        .locator('.monaco-editor .view-line', { hasText: /allowPrivilegeEscalation:\sfalse/ })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'pod-security/' }).first().waitFor({ state: 'detached', timeout: STEP_MS });
      assert.equal(await page.locator('.monaco-editor .squiggly-warning').count(), 0);
    });
    await step('pod-security-scratch-removed', async () => {
      await dropScratch(scratch);
      assertUnchanged('restricted.yaml');
    });
  });

  it("jumps from a volumeMount's name to its volume (F12) and renames the volume with its mounts (F2)", async () => {
    let scratch = '';
    const statusBarPosition = page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
    await step('names-definition', async () => {
      scratch = await openScratch('volumes.yaml');
      await token('name: e2e-volumes', 'e2e-volumes').waitFor({ timeout: STEP_MS });
      // The first mount's name: line 13, on "cache".
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: STEP_MS });
      await page.keyboard.type('13:14');
      await page.keyboard.press('Enter');
      await statusBarPosition.filter({ hasText: 'Ln 13, Col 14' }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('F12');
      // The volume's name, on line 7: the cursor lands at its start.
      await statusBarPosition.filter({ hasText: 'Ln 7, Col 11' }).waitFor({ timeout: STEP_MS });
    });
    await step('names-rename', async () => {
      await page.keyboard.press('F2');
      const box = page.locator('.rename-box input').first();
      await box.waitFor({ timeout: STEP_MS });
      assert.equal(await box.inputValue(), 'cache');
      await box.fill('scratch');
      await page.keyboard.press('Enter');
      // The volume and both mounts: three names changed, and the mount paths (/cache) left alone.
      await page.waitForFunction(
        () => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
          const lines = Array.from(doc.querySelectorAll('.monaco-editor .view-line')).map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));
          return (
            lines.filter((l) => /- name: scratch$/.test(l)).length === 3 &&
            !lines.some((l) => /- name: cache$/.test(l)) &&
            lines.some((l) => l.includes('mountPath: /cache'))
          );
        },
        undefined,
        { timeout: STEP_MS },
      );
    });
    await step('names-undo', async () => {
      // Undone (one undo, the rename was one edit): the scratch is as on disk again, and no save
      // of it can be pending when it is dropped (a late autosave would write it back).
      await page.keyboard.press('Control+Z');
      await page.waitForFunction(
        () => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
          const lines = Array.from(doc.querySelectorAll('.monaco-editor .view-line')).map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));
          return lines.filter((l) => /- name: cache$/.test(l)).length === 3 && !lines.some((l) => /- name: scratch$/.test(l));
        },
        undefined,
        { timeout: STEP_MS },
      );
    });
    await step('names-scratch-removed', async () => {
      await dropScratch(scratch);
      assertUnchanged('volumes.yaml');
    });
  });
});
