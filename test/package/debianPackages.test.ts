// scripts/debian-packages.sh, which every setup script installs Debian packages through: root only
// when something is missing, and it says so. Run as an unprivileged user (nobody, through setpriv,
// when the tests run as root). sudo is not installed here: a stand-in `sudo` that only records
// its arguments (on the standard output) shows what the script would ask of it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/service';

const SCRIPT = join(REPO, 'scripts', 'debian-packages.sh');
const ROOT = process.getuid?.() === 0;
const work = mkdtempSync(join(tmpdir(), 'pod-manifests-debian-packages-'));
chmodSync(work, 0o755);

/** A PATH with only what the script uses (so no sudo), and optionally a recording `sudo`. */
function pathDir(name: string, withSudo: boolean): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const tool of ['bash', 'dirname', 'basename', 'dpkg-query', 'grep', 'apt-cache', 'head', 'id', 'cat']) symlinkSync(which(tool), join(dir, tool));
  if (withSudo) {
    writeFileSync(join(dir, 'sudo'), '#!/bin/bash\necho "sudo $*"\n');
    chmodSync(join(dir, 'sudo'), 0o755);
  }
  return dir;
}

const which = (tool: string) => spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();

function asUser(path: string, ...args: string[]) {
  const command = ROOT ? [which('setpriv'), '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'bash', SCRIPT, ...args] : ['bash', SCRIPT, ...args];
  return spawnSync(command[0], command.slice(1), { encoding: 'utf8', env: { PATH: path, HOME: work } });
}

describe('scripts/debian-packages.sh as a user', () => {
  after(() => rmSync(work, { recursive: true, force: true }));
  const noSudo = pathDir('no-sudo', false);
  const withSudo = pathDir('with-sudo', true);

  it('does nothing, and needs no root, when the packages are there', () => {
    const r = asUser(noSudo, 'bash', 'grep');
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', '']);
  });

  it('says what it needs root for and asks sudo, with the same arguments', () => {
    const r = asUser(withSudo, 'bash', 'pod-manifests-no-such-package');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'debian-packages: root is needed to install pod-manifests-no-such-package: asking sudo\n');
    assert.equal(r.stdout, `sudo bash ${SCRIPT} bash pod-manifests-no-such-package\n`);
  });

  it('with no sudo, stops and prints the command for root', () => {
    const r = asUser(noSudo, 'pod-manifests-no-such-package');
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `debian-packages: root is needed to install pod-manifests-no-such-package, and there is no sudo here. As root, run:\n  bash ${SCRIPT} pod-manifests-no-such-package\nthen run this again.\n`,
    );
  });
});
