/**
 * A namespace's Pod Security policy: a level and version per mode (enforce, warn, audit), as the
 * admission plugin reads them from the namespace's labels (api/helpers.go PolicyToEvaluate, with
 * the plugin's defaults: privileged, latest), and as the user names one (`restricted`,
 * `baseline:1.27`, `restricted:v1.30`, `restricted:latest`).
 */
import type { Level } from './check';
import type { PolicyVersion } from './registry';

export interface LevelVersion {
  level: Level;
  version: PolicyVersion;
}

export interface Policy {
  enforce: LevelVersion;
  warn: LevelVersion;
  audit: LevelVersion;
}

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** LevelVersion.String: `restricted:latest`, `baseline:v1.27`. */
export const levelVersionText = (lv: LevelVersion) => `${lv.level}:${lv.version === 'latest' ? 'latest' : `v1.${lv.version}`}`;

const isLevel = (s: string): s is Level => (LEVELS as readonly string[]).includes(s);

/** ParseVersion: `latest` or `v1.x`. */
function parseLabelVersion(s: string): PolicyVersion | undefined {
  if (s === 'latest') return 'latest';
  const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** `restricted`, `baseline:1.27`, `restricted:v1.27`, `restricted:latest` (a setting, the CLI's flag); undefined when it is none of these. */
export function parseLevelVersion(text: string): LevelVersion | undefined {
  const [level, version, ...rest] = text.trim().split(':');
  if (!isLevel(level) || rest.length > 0) return undefined;
  if (version === undefined) return { level, version: 'latest' };
  const v = parseLabelVersion(version) ?? parseLabelVersion(`v${version}`);
  return v === undefined ? undefined : { level, version: v };
}

const PRIVILEGED: LevelVersion = { level: 'privileged', version: 'latest' };

/** One level for every mode: what a setting or the CLI's flag names. */
export const uniformPolicy = (lv: LevelVersion): Policy => ({ enforce: lv, warn: lv, audit: lv });

const strictness = (l: Level) => LEVELS.indexOf(l);

/**
 * PolicyToEvaluate: the policy the namespace's labels give, and the labels the plugin cannot read
 * (it reads those as restricted, or privileged for audit and warn, and latest).
 */
export function policyFromLabels(labels: Readonly<Record<string, string>>): { policy: Policy; errors: string[] } {
  const p: Policy = { enforce: { ...PRIVILEGED }, warn: { ...PRIVILEGED }, audit: { ...PRIVILEGED } };
  const errors: string[] = [];
  const level = (mode: keyof Policy, failOpen: boolean): boolean => {
    const label = LABEL_PREFIX + mode;
    if (!Object.hasOwn(labels, label)) return false;
    const value = labels[label];
    if (isLevel(value)) p[mode].level = value;
    else {
      errors.push(`${label}: Invalid value: "${value}": must be one of privileged, baseline, restricted`);
      p[mode].level = failOpen ? 'privileged' : 'restricted';
      return false;
    }
    return true;
  };
  const version = (mode: keyof Policy): boolean => {
    const label = `${LABEL_PREFIX}${mode}-version`;
    if (!Object.hasOwn(labels, label)) return false;
    const v = parseLabelVersion(labels[label]);
    if (v === undefined) errors.push(`${label}: Invalid value: "${labels[label]}": must be "latest" or "v1.x"`);
    p[mode].version = v ?? 'latest';
    return true;
  };
  const hasEnforceLevel = level('enforce', false);
  version('enforce');
  level('audit', true);
  version('audit');
  const hasWarnLevel = Object.hasOwn(labels, `${LABEL_PREFIX}warn`);
  level('warn', true);
  const hasWarnVersion = version('warn');
  // Warn defaults to enforce when enforce is set stricter.
  if (!hasWarnLevel && hasEnforceLevel && strictness(p.enforce.level) > strictness(p.warn.level)) {
    p.warn.level = p.enforce.level;
    if (!hasWarnVersion) p.warn.version = p.enforce.version;
  }
  return { policy: p, errors };
}
