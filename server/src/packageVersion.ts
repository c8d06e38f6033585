import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's version, from the nearest package.json above this file (dist/ when built,
 * server/src/ from source): what the CLI's SARIF and the server's serverInfo report.
 */
export const PACKAGE_VERSION = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      // not here: one folder up
    }
  }
  return '0.0.0';
})();
