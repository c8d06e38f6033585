/** The Kubernetes versions whose Pod schema is bundled (1.21 and 1.22 have no document to build from). */
export const VERSIONS = ['1.20', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'] as const;

export type KubernetesVersion = (typeof VERSIONS)[number];

export const NEWEST: KubernetesVersion = VERSIONS[VERSIONS.length - 1];

export function isKubernetesVersion(v: unknown): v is KubernetesVersion {
  return typeof v === 'string' && (VERSIONS as readonly string[]).includes(v);
}

/** Compares "1.9" < "1.23" numerically. */
export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}
