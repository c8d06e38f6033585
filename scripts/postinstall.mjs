// npm runs this after an install. In a clone (sources and dev dependencies, no dist/), as when
// pre-commit installs the repository as a hook before it packs it, it builds dist/; `npm pack`
// runs no script of ours, since pre-commit takes its whole output as the tarball's name. In an
// installed package (dist/, no sources) there is nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clone = existsSync(join(root, 'scripts', 'build.ts')) && existsSync(join(root, 'node_modules', 'tsx'));
if (clone && !existsSync(join(root, 'dist', 'cli.js'))) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts'), '--production'], { cwd: root, stdio: 'inherit' });
  process.exitCode = built.status ?? 1;
}
