/**
 * The Pod Security quick fixes: one container, or every container of the Pod (or template) and
 * the Pod itself, made to meet restricted in its four usual fields (allowPrivilegeEscalation,
 * capabilities.drop, runAsNonRoot, seccompProfile), and a fix per finding where one value is the
 * fix. Only the fields named are written (yaml/ensureFields.ts); a Windows Pod is not given the
 * Linux-only ones its checks exempt it from (validation refuses them on Windows).
 */
import { CONTAINER_LISTS } from '../rules/containerWalk';
import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver-types';
import { parseFieldPath } from '../path/fieldPath';
import type { Segment } from '../path/segments';
import { validSeccomp } from '../podSecurity/baseline';
import { obj, Obj } from '../rules/context';
import { JsonValue, valueAtPath } from '../yaml/decode';
import { ensureFields, Scalar, Want } from '../yaml/ensureFields';
import type { DiagnosticData } from './diagnostics';
import type { AnalysedFile, AnalysedPart } from './documents';
import { POD_SECURITY_CODE } from './podSecurity';
import { editRange } from './ranges';

/** The checks the four fields answer. */
const FOUR_FIELD_CHECKS = new Set(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
/** Checks whose finding has one value that fixes it: the value. */
const ONE_VALUE: Record<string, Scalar> = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  seccompProfile_restricted: 'RuntimeDefault',
  seccompProfile_baseline: 'RuntimeDefault',
  appArmorProfile: 'RuntimeDefault',
  privileged: false,
  hostNamespaces: false,
  procMount: 'Default',
  procMount_restricted: 'Default',
  windowsHostProcess: false,
};

const allowPrivilegeEscalation = { set: false, ok: (v: JsonValue | undefined) => v === false };
const seccompType = { set: 'RuntimeDefault', ok: (v: JsonValue | undefined) => typeof v === 'string' && validSeccomp(v) };

/** What a container needs for restricted, given what the Pod (will) set for all its containers. */
function containerWant(c: Obj, podNonRoot: boolean, podSeccomp: boolean, windows: boolean): Want {
  const sc: Want = {};
  if (!windows) {
    // Validation refuses allowPrivilegeEscalation: false beside privileged: true.
    if (obj(c.securityContext)?.privileged === true) sc.privileged = { set: false, ok: (v) => v !== true };
    sc.allowPrivilegeEscalation = allowPrivilegeEscalation;
    sc.capabilities = { drop: { includes: 'ALL' } };
  }
  // Unset is fine where the Pod sets it; a value of the container's own must be right.
  sc.runAsNonRoot = { set: true, ok: (v) => v === true || (podNonRoot && (v === undefined || v === null)) };
  if (!windows && (!podSeccomp || obj(obj(c.securityContext)?.seccompProfile))) sc.seccompProfile = { type: seccompType };
  return { securityContext: sc };
}

function podWant(windows: boolean): Want {
  const sc: Want = { runAsNonRoot: { set: true, ok: (v) => v === true } };
  if (!windows) sc.seccompProfile = { type: seccompType };
  return { securityContext: sc };
}

/** Where a finding is: its container (if any) and the Pod spec it belongs to. */
function placeOf(segments: readonly Segment[]): { spec: Segment[]; container?: Segment[] } | undefined {
  for (let i = segments.length - 2; i >= 1; i--) {
    if ((CONTAINER_LISTS as readonly Segment[]).includes(segments[i]) && typeof segments[i + 1] === 'number')
      return { spec: segments.slice(0, i), container: segments.slice(0, i + 2) };
  }
  const spec = segments.lastIndexOf('spec');
  return spec < 0 ? undefined : { spec: segments.slice(0, spec + 1) };
}

/** `{a: {b: leaf}}` for the segments `[a, b]`. */
function nested(segments: readonly Segment[], leaf: Want[string]): Want {
  return segments.reduceRight<Want | Want[string]>((inner, key) => ({ [String(key)]: inner }), leaf) as Want;
}

/** The fix of one finding where one value is the fix, at `rest` (the finding's path under its container, or Pod spec): written or not. */
function oneValueFix(check: string, rest: readonly Segment[]): { title: string; want: Want } | undefined {
  // An annotation's values are another vocabulary (`runtime/default`): no fix is guessed there.
  if (rest.length === 0 || rest.includes('annotations')) return undefined;
  if (check === 'capabilities_restricted')
    return rest[rest.length - 1] === 'drop' ? { title: 'Drop ALL capabilities', want: nested(rest, { includes: 'ALL' }) } : undefined;
  const value = ONE_VALUE[check];
  if (value === undefined) return undefined;
  const field = rest.filter((s) => typeof s === 'string').join('.');
  const leaf = check.startsWith('seccompProfile') ? seccompType : { set: value, ok: (v: JsonValue | undefined) => v === value };
  return { title: `Set ${field}: ${String(value)}`, want: nested(rest, leaf) };
}

export function securityFixes(file: AnalysedFile, part: AnalysedPart, d: Diagnostic): CodeAction[] {
  const code = String(d.code ?? '');
  const path = (d.data as DiagnosticData | undefined)?.path;
  const decoded = part.parsed.decoded;
  if (!code.startsWith(POD_SECURITY_CODE) || !path || !decoded) return [];
  const check = code.slice(POD_SECURITY_CODE.length);
  const segments = parseFieldPath(path, decoded.value);
  const place = segments && placeOf(segments);
  if (!segments || !place) return [];
  const spec = obj(valueAtPath(decoded.value, place.spec));
  if (!spec) return [];
  const windows = obj(spec.os)?.name === 'windows';
  const podSc = obj(spec.securityContext);
  const podNonRoot = podSc?.runAsNonRoot === true;
  const podSeccomp = validSeccomp(String(obj(podSc?.seccompProfile)?.type ?? ''));
  const edit = (title: string, wants: [Segment[], Want][], preferred = false): CodeAction | undefined => {
    const changes = wants.flatMap(([at, want]) => ensureFields(part.text, decoded.index, decoded.value, at, want));
    if (changes.length === 0) return undefined;
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      ...(preferred ? { isPreferred: true } : {}),
      edit: { changes: { [file.uri]: changes.map((c) => ({ range: editRange(part, c.span), newText: c.newText })) } },
    };
  };
  const actions: (CodeAction | undefined)[] = [];
  const where = place.container ?? place.spec;
  const single = oneValueFix(check, segments.slice(where.length));
  if (single) actions.push(edit(single.title, [[where, single.want]], true));
  if (FOUR_FIELD_CHECKS.has(check)) {
    const containers = CONTAINER_LISTS.flatMap((list) =>
      (Array.isArray(spec[list as string]) ? (spec[list as string] as JsonValue[]) : []).flatMap((c, i): [Segment[], Want][] => {
        const o = obj(c);
        return o ? [[[...place.spec, list, i], containerWant(o, true, true, windows)]] : [];
      }),
    );
    if (place.container) {
      const c = obj(valueAtPath(decoded.value, place.container));
      const name = typeof c?.name === 'string' ? c.name : '';
      if (c)
        actions.push(
          edit(`Make container "${name}" restricted (allowPrivilegeEscalation, capabilities.drop, runAsNonRoot, seccompProfile)`, [
            [place.container, containerWant(c, podNonRoot, podSeccomp, windows)],
          ]),
        );
    }
    const whole = place.spec.length > 1 ? 'the Pod template' : 'the Pod';
    actions.push(
      edit(`Make ${whole} restricted (runAsNonRoot, seccompProfile for the Pod; allowPrivilegeEscalation, capabilities.drop for every container)`, [
        [place.spec, podWant(windows)],
        ...containers,
      ]),
    );
  }
  return actions.filter((a): a is CodeAction => a !== undefined);
}
