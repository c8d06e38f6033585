import { boundedCache } from '../caches';

/** The Kubernetes versions whose Pod schema is bundled (1.21 and 1.22 have no document to build from). */
export const VERSIONS = ['1.20', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'] as const;

export type KubernetesVersion = (typeof VERSIONS)[number];

export const NEWEST: KubernetesVersion = VERSIONS[VERSIONS.length - 1];
export const OLDEST: KubernetesVersion = VERSIONS[0];

export function isKubernetesVersion(v: unknown): v is KubernetesVersion {
  return typeof v === 'string' && (VERSIONS as readonly string[]).includes(v);
}

/** Compares "1.9" < "1.23" numerically. Rules ask this for every field, so versions are parsed once. */
export function compareVersions(a: string, b: string): number {
  return versionNumber(a) - versionNumber(b);
}

const parsed = boundedCache<string, number>('versions: "1.23" → 1023', 64);
function versionNumber(v: string): number {
  let n = parsed.get(v);
  if (n === undefined) {
    const [major, minor] = v.split('.').map(Number);
    n = parsed.set(v, major * 1000 + minor);
  }
  return n;
}

/** The bundled version nearest below (or at) `v`, for what a cluster of another version is read with; the oldest when none is. */
export function nearestBundled(v: string): KubernetesVersion {
  let best: KubernetesVersion = OLDEST;
  for (const b of VERSIONS) if (compareVersions(b, v) <= 0) best = b;
  return best;
}
