// The extension as the Marketplace shows it: vsce packages it with no warning, with an icon, a
// changelog, the repository's addresses, and README pictures that exist.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/service';

const work = mkdtempSync(join(tmpdir(), 'pod-manifests-vsix-'));
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown> & {
  icon: string;
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  keywords: string[];
};

describe('the Marketplace package', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('has an icon, a changelog, the repository, bugs and homepage addresses, and keywords', () => {
    assert.ok(existsSync(join(REPO, manifest.icon)), manifest.icon);
    assert.match(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${String(manifest.version).replace(/\./g, '\\.')}\\]`, 'm'));
    for (const url of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(url, /^https:\/\//);
    for (const word of ['kubernetes', 'k8s', 'pod', 'deployment', 'helm']) assert.ok(manifest.keywords.includes(word), word);
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  });

  it('every picture the README shows is in the repository, and none is an SVG (vsce refuses them)', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(pictures.length >= 4, `${pictures.length} pictures`);
    for (const p of pictures) {
      assert.ok(!/^https?:/.test(p) && existsSync(join(REPO, p)), `${p} is in the repository`);
      assert.ok(!p.endsWith('.svg'), p);
    }
  });

  it('vsce packages it with no warning', () => {
    const vsix = join(work, 'pod-manifests.vsix');
    const r = spawnSync(join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /WARNING|ERROR/);
    assert.ok(existsSync(vsix));
  });
});
