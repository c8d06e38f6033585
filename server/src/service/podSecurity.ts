/**
 * Pod Security Admission over a document, offline: the policy of its namespace (resolved by the
 * service: a setting, a Namespace document's labels, the cluster's) run over the Pod or the
 * workload's template (podSecurity/), each failed check's faults as problems with code
 * `pod-security/<check ID>`, and the answer the server would give, for the hover.
 *
 * As the plugin does: a Pod that fails `enforce` is refused (errors), else `warn` warns; a
 * workload is never refused, only warned about (`warn`), and its Pods are refused when its
 * template fails `enforce`: that is said on each such warning.
 */
import { weakCache } from '../caches';
import { FieldPath } from '../path/fieldPath';
import type { Segment } from '../path/segments';
import type { Finding } from '../podSecurity/check';
import { levelVersionText, LevelVersion, parseLevelVersion, Policy, policyFromLabels, uniformPolicy } from '../podSecurity/policy';
import { CheckOutcome, evaluatePod, forbiddenDetail } from '../podSecurity/registry';
import { obj, Obj, str } from '../rules/context';
import { KIND_INFO, ObjectKind } from '../schema/kinds';
import { compareVersions } from '../schema/versions';
import type { JsonValue } from '../yaml/decode';
import type { AnalysedFile, AnalysedPart } from './documents';
import { Labels, NamespaceDocument, namespacesInFile } from './namespaces';
import type { Problem } from './problems';
import { spanOfPath } from './where';

export interface PolicyInForce {
  policy: Policy;
  /** Where it comes from, for the hover and the status bar: `setting podManifests.podSecurity`, `Namespace "prod" in this file`, … */
  source: string;
}

/** The policy of a namespace, when known. */
export type PolicyFor = (namespace: string) => PolicyInForce | undefined;

/** What Pod Security needs of the service: the policy of each namespace, and where a document without one goes. */
export interface PodSecurityScope {
  policyFor: PolicyFor;
  defaultNamespace: string;
  /** The cluster's Kubernetes version (what it defaults before admission depends on it). */
  kubernetesVersion: string;
}

export interface PodSecurityResult {
  namespace: string;
  inForce: PolicyInForce;
  problems: Problem[];
  /** What the server would answer (the Pod's refusal or warning; for a workload, its warning and its Pods' refusal); empty when it would say nothing. */
  answer: string[];
}

export const POD_SECURITY_CODE = 'pod-security/';

const results = weakCache<AnalysedPart, { key: string; result: PodSecurityResult | undefined }>('pod security: result per part');

/** The namespace a document goes to: its own, else the one its apply would use. */
export function namespaceOf(value: JsonValue | undefined, defaultNamespace: string): string {
  return str(obj(obj(value)?.metadata)?.namespace) || defaultNamespace;
}

/**
 * @param kubernetesVersion the cluster's version (not the policy's): what the server defaults
 *   before admission depends on it
 */
export function podSecurityOf(
  part: AnalysedPart,
  kind: ObjectKind,
  policyFor: PolicyFor,
  defaultNamespace: string,
  kubernetesVersion: string,
): PodSecurityResult | undefined {
  const value = part.parsed.decoded?.value;
  const namespace = namespaceOf(value, defaultNamespace);
  const inForce = policyFor(namespace);
  if (!inForce) return undefined;
  const key = `${kind}\0${namespace}\0${kubernetesVersion}\0${inForce.source}\0${JSON.stringify(inForce.policy)}`;
  const cached = results.get(part);
  if (cached?.key === key) return cached.result;
  return results.set(part, { key, result: evaluate(part, kind, namespace, inForce, kubernetesVersion) }).result;
}

function evaluate(part: AnalysedPart, kind: ObjectKind, namespace: string, inForce: PolicyInForce, kubernetesVersion: string): PodSecurityResult | undefined {
  const decoded = part.parsed.decoded;
  const prefix = KIND_INFO[kind].template;
  let template: JsonValue | undefined = decoded?.value;
  for (const key of prefix) template = obj(template)?.[key];
  const spec = obj(obj(template)?.spec);
  if (!decoded || !spec) return undefined;
  const hostNetworkPortDefaults = kind === 'Pod' || compareVersions(kubernetesVersion, '1.28') < 0;
  const { enforce, warn } = inForce.policy;
  const { enforced, warned } = outcomesOf(spec, obj(obj(template)?.metadata), hostNetworkPortDefaults, enforce, warn);
  const problem = (outcome: CheckOutcome, f: Finding, severity: Problem['severity'], message: string): Problem => {
    const segments = [...prefix, ...f.path];
    return {
      code: `${POD_SECURITY_CODE}${outcome.id}`,
      severity,
      message,
      span: spanOfPath(decoded.index, segments, f.on, decoded.value),
      path: prefixText + pathText(f),
    };
  };
  const prefixText = prefix.length > 0 ? `${prefix.join('.')}.` : '';
  const checkWords = (o: CheckOutcome, f: Finding) => `${o.reason} (${f.detail})`;
  const problems: Problem[] = [];
  const answer: string[] = [];
  if (kind === 'Pod') {
    const name = str(obj(obj(decoded.value)?.metadata)?.name) ?? '';
    if (enforced.length > 0) {
      const lv = levelVersionText(enforce);
      for (const o of enforced) for (const f of o.findings) problems.push(problem(o, f, 'error', `violates PodSecurity "${lv}": ${checkWords(o, f)}`));
      answer.push(`pods "${name}" is forbidden: violates PodSecurity "${lv}": ${forbiddenDetail(enforced)}`);
    } else if (warned.length > 0) {
      const lv = levelVersionText(warn);
      for (const o of warned) for (const f of o.findings) problems.push(problem(o, f, 'warning', `would violate PodSecurity "${lv}": ${checkWords(o, f)}`));
      answer.push(`Warning: would violate PodSecurity "${lv}": ${forbiddenDetail(warned)}`);
    }
  } else {
    // Each field at fault once: the warning's words, and the refusal its Pods get when enforce
    // refuses it too (under another check, maybe: hostPathVolumes, where warn says restrictedVolumes).
    const refusal = `The namespace enforces "${levelVersionText(enforce)}": the Pods of this ${kind} will be refused (FailedCreate).`;
    const refused = new Set(enforced.flatMap((o) => o.findings.map(pathText)));
    const said = new Set<string>();
    const lv = levelVersionText(warn);
    for (const o of warned) {
      for (const f of o.findings) {
        const at = pathText(f);
        said.add(at);
        const words = `would violate PodSecurity "${lv}": ${checkWords(o, f)}`;
        problems.push(problem(o, f, 'warning', refused.has(at) ? `${words}\n${refusal}` : words));
      }
    }
    for (const o of enforced) {
      for (const f of o.findings) {
        if (said.has(pathText(f))) continue;
        problems.push(problem(o, f, 'warning', `${checkWords(o, f)}\n${refusal}`));
      }
    }
    if (warned.length > 0) answer.push(`Warning: would violate PodSecurity "${lv}": ${forbiddenDetail(warned)}`);
    if (enforced.length > 0) answer.push(`Its Pods: pods "…" is forbidden: violates PodSecurity "${levelVersionText(enforce)}": ${forbiddenDetail(enforced)}`);
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { namespace, inForce, problems, answer };
}

const sameLevelVersion = (a: LevelVersion, b: LevelVersion) => a.level === b.level && a.version === b.version;

/**
 * The failed checks of a template, kept with its decoded spec: an edit elsewhere in the document
 * (its name, a workload's own fields) keeps the spec's object, and what the checks found in it.
 */
const outcomes = weakCache<Obj, { metadata: Obj | undefined; key: string; enforced: CheckOutcome[]; warned: CheckOutcome[] }>(
  'pod security: outcomes per spec',
);

function outcomesOf(spec: Obj, metadata: Obj | undefined, hostNetworkPortDefaults: boolean, enforce: LevelVersion, warn: LevelVersion) {
  const key = `${levelVersionText(enforce)} ${levelVersionText(warn)} ${hostNetworkPortDefaults}`;
  const kept = outcomes.get(spec);
  if (kept && kept.metadata === metadata && kept.key === key) return kept;
  const pod = { metadata: metadata ?? {}, spec, hostNetworkPortDefaults };
  const enforced = evaluatePod(enforce.level, enforce.version, pod);
  const warned = sameLevelVersion(warn, enforce) ? enforced : evaluatePod(warn.level, warn.version, pod);
  return outcomes.set(spec, { metadata, key, enforced, warned });
}

/** A finding's path in the server's words (made once per finding). */
const pathTexts = weakCache<Finding, string>('pod security: path per finding');
const pathText = (f: Finding): string => pathTexts.get(f) ?? pathTexts.set(f, fieldPathText(f.path));

/** The server's name for a path: `spec.containers[0].securityContext`, `metadata.annotations[key]`. */
function fieldPathText(segments: readonly Segment[]): string {
  let path = FieldPath.root();
  segments.forEach((s, i) => {
    if (typeof s === 'number') path = path.index(s);
    else if (segments[i - 1] === 'annotations' || segments[i - 1] === 'labels') path = path.key(s);
    else path = path.child(s);
  });
  return String(path);
}

/** How the policy reads for the user: `enforce restricted:latest`, `enforce baseline:latest, warn restricted:v1.30`. */
export function policyText(p: Policy): string {
  const modes = (['enforce', 'warn', 'audit'] as const).filter((m) => p[m].level !== 'privileged');
  // warn repeats enforce unless it says more.
  const shown = modes.filter((m) => m === 'enforce' || !sameLevelVersion(p[m], p.enforce) || p.enforce.level === 'privileged');
  return shown.length === 0 ? 'privileged' : shown.map((m) => `${m} ${levelVersionText(p[m])}`).join(', ');
}

/**
 * The setting `podManifests.podSecurity` (and the CLI's `--pod-security`): the namespace's own
 * labels (`namespace`, the default), none (`off`), or one `level[:version]` for every document.
 */
export type PodSecuritySetting = { mode: 'namespace' } | { mode: 'off' } | { mode: 'fixed'; level: LevelVersion };

export function parsePodSecuritySetting(text: string): PodSecuritySetting | undefined {
  const t = text.trim();
  if (t === '' || t === 'namespace') return { mode: 'namespace' };
  if (t === 'off') return { mode: 'off' };
  const level = parseLevelVersion(t);
  return level ? { mode: 'fixed', level } : undefined;
}

/**
 * The policies in force for one check of `file`: none (`off`), one for all (a level in the
 * setting), or each namespace's labels: a Namespace document of the file, else what the adapters
 * know (`outside`: the workspace's, the cluster's).
 */
export function scopeOf(
  file: AnalysedFile,
  setting: PodSecuritySetting,
  outside: ((namespace: string) => { labels: Labels; source: string } | undefined) | undefined,
  defaultNamespace: string,
  kubernetesVersion: string,
): PodSecurityScope | undefined {
  if (setting.mode === 'off') return undefined;
  if (setting.mode === 'fixed') {
    const inForce = { policy: uniformPolicy(setting.level), source: 'the setting podManifests.podSecurity' };
    return { policyFor: () => inForce, defaultNamespace, kubernetesVersion };
  }
  // The file's Namespace documents, gathered once per check of the file; each namespace's policy once too.
  let inFile: Map<string, NamespaceDocument> | undefined;
  const known = new Map<string, PolicyInForce | undefined>();
  const policyFor: PolicyFor = (ns) => {
    if (known.has(ns)) return known.get(ns);
    inFile ??= namespacesInFile(file);
    const declared = inFile.get(ns);
    const found = declared ? { labels: declared.labels, source: `Namespace "${ns}" in this file` } : outside?.(ns);
    const inForce = found && { policy: policyFromLabels(found.labels).policy, source: found.source };
    known.set(ns, inForce);
    return inForce;
  };
  return { policyFor, defaultNamespace, kubernetesVersion };
}
