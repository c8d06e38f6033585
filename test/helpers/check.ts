/**
 * The rule tests' one check: what the editor shows for a Pod, each diagnostic as
 * `line:col-line:col code message` (1-based, see brief), in the order shown. A test file says once
 * how its Pods are written and which diagnostics it is about; every test then calls
 * `check(what it writes, version?)`:
 *
 *   const check = checker({ pod: (spec) => `apiVersion: v1\nkind: Pod\n…spec:\n${spec}`, version: '1.20' });
 *   assert.deepEqual(check('  restartPolicy: Sometimes'), ['6:18-6:27 unsupported-value …']);
 *   assert.deepEqual(check('  restartPolicy: Never', '1.35'), []);
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import { brief, doc, service } from './service';

export interface CheckOptions {
  /** The Pod's text from what a test writes (default: the text as written). */
  pod?: (written: string) => string;
  /** The version when a test names none (default: the service's default, the newest). */
  version?: KubernetesVersion;
  /** The diagnostics the tests are about (default: all). */
  only?: (d: Diagnostic) => boolean;
}

export type Check = (written: string, version?: KubernetesVersion) => string[];

export function checker({ pod = (text) => text, version, only = () => true }: CheckOptions = {}): Check {
  return (written, v = version) =>
    service(v)
      .validate(doc(pod(written)))
      .filter(only)
      .map(brief);
}
