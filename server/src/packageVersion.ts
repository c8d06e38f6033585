import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Set by scripts/build.ts (esbuild's define): the built server and CLI read no file for it. */
declare const BUILT_PACKAGE_VERSION: string | undefined;

/**
 * The package's version, what the CLI's SARIF and the server's serverInfo report: the one the
 * build wrote in, or, run from source, the nearest package.json's above this file.
 */
export const PACKAGE_VERSION = typeof BUILT_PACKAGE_VERSION === 'string' ? BUILT_PACKAGE_VERSION : nearestPackageVersion();

function nearestPackageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      // not here: one folder up
    }
  }
  return '0.0.0';
}
