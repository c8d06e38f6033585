// The npm package as a user gets it: `npm pack` of this checkout (its dist/ from `npm run build`),
// installed with `npm install -g` into an empty prefix, with an empty npm cache and the network
// off (npm_config_offline): whatever the package needs must be inside it. Once per test process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './service';

export interface InstalledPackage {
  /** The prefix's bin directory (put it first on PATH). */
  bin: string;
  /** The installed package's directory. */
  dir: string;
  tarball: { file: string; size: number; unpackedSize: number; files: string[] };
  /** Bytes the install added under the prefix. */
  installedBytes: number;
  /** The packages npm installed under the prefix (ours alone: it has no run-time dependencies). */
  installedPackages: string[];
  /** What npm warned of during the install (an install script, say). */
  installWarnings: string[];
}

let installed: InstalledPackage | undefined;

function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

export function installedPackage(): InstalledPackage {
  if (installed) return installed;
  if (!existsSync(join(REPO, 'dist', 'cli.js'))) throw new Error('no dist/cli.js: run npm run build first');
  const work = mkdtempSync(join(tmpdir(), 'pod-manifests-package-'));
  const npm = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('npm', args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_cache: join(work, 'cache'), ...env } });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    return r;
  };
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work]).stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const file = join(work, packed.filename);
  const prefix = join(work, 'prefix');
  const install = npm(['install', '-g', file, '--prefix', prefix, '--no-audit', '--no-fund'], { npm_config_offline: 'true' });
  const modules = join(prefix, 'lib', 'node_modules');
  installed = {
    bin: join(prefix, 'bin'),
    dir: join(modules, 'pod-manifests'),
    tarball: { file, size: packed.size, unpackedSize: packed.unpackedSize, files: packed.files.map((f) => f.path).sort() },
    installedBytes: bytesUnder(prefix),
    installWarnings: install.stderr.split('\n').filter((line) => line.startsWith('npm warn')),
    installedPackages: readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name])),
  };
  return installed;
}
