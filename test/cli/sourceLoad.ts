/** server/src/schema/load.ts for the CLI run from source (fromSource.ts): the tests' validators (test/helpers/validators.ts), not dist/validators. */
import type { ValidatorFactory } from '../../server/src/schema/load';
import { cachedValidators } from '../helpers/validators';

export * from '../../server/src/schema/load';

/** The repository the CLI was bundled from: set by fromSource.ts (esbuild's define). */
declare const POD_MANIFESTS_REPO: string;

export function precompiledValidators(): ValidatorFactory {
  return cachedValidators(POD_MANIFESTS_REPO);
}
