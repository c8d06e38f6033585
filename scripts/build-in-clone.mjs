// The package's `dependencies` script: npm runs it after an `npm install` or `npm ci` in a clone
// has changed node_modules, as when pre-commit installs the repository as a hook before it packs
// it, and builds dist/ if there is none. Not an install script: npm runs none of ours when the
// package is installed (no allowScripts warning for its users), and `npm pack` runs none either,
// since pre-commit takes its whole output as the tarball's name.
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
