// This repository as a pre-commit hook, run by Debian's pre-commit as a user's repository runs
// it: pre-commit clones the hook repository (here: this checkout's files, committed to a scratch
// repository, so what is tested is what is here), installs it with the system's Node (npm install,
// which builds dist/; npm pack; npm install -g), and runs `pod-manifests validate` on the files.
// npm reads its cache first (prefer-offline): the dev dependencies are those `npm ci` fetched.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/service';

const HAS_PRE_COMMIT = spawnSync('pre-commit', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'pod-manifests-pre-commit-'));
const hookRepo = join(work, 'hook');
const userRepo = join(work, 'user');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

function preCommit(...files: string[]) {
  return spawnSync('pre-commit', ['run', '--color', 'never', '--files', ...files], {
    cwd: userRepo,
    encoding: 'utf8',
    env: { ...process.env, PRE_COMMIT_HOME: join(work, 'cache'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
}

// In CI (scripts/setup-system.sh installs it) a missing pre-commit fails the test instead.
describe('the pre-commit hook', { skip: !HAS_PRE_COMMIT && !process.env.CI && 'no pre-commit (apt-get install pre-commit)' }, () => {
  before(() => {
    mkdirSync(hookRepo, { recursive: true });
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const f of files) {
      mkdirSync(dirname(join(hookRepo, f)), { recursive: true });
      cpSync(join(REPO, f), join(hookRepo, f), { dereference: false, errorOnExist: false, force: true });
    }
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-qm', 'the checkout under test');
    mkdirSync(userRepo);
    git(userRepo, 'init', '-q');
    writeFileSync(
      join(userRepo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${git(hookRepo, 'rev-parse', 'HEAD')}\n    hooks:\n      - id: pod-manifests\n`,
    );
    writeFileSync(
      join(userRepo, 'bad.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: app\n    image: nginx\n',
    );
    writeFileSync(join(userRepo, 'good.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n');
    writeFileSync(join(userRepo, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('fails on a bad Pod with the finding, and passes a good one and a file that is no manifest', () => {
    const bad = preCommit('bad.yaml');
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /pod-manifests validate\.+Failed/);
    assert.ok(
      bad.stdout.includes('bad.yaml:6:18: error: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'),
      bad.stdout,
    );
    const good = preCommit('good.yaml', 'compose.yaml');
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /pod-manifests validate\.+Passed/);
  });
});
