/**
 * probes, lifecycle handlers, container restartPolicy (sidecars), container and pod securityContext
 * (validateProbe, validateLifecycle, ValidateSecurityContext, validatePodSpecSecurityContext).
 *
 * The server validates the defaulted Pod: a probe's timeoutSeconds, periodSeconds,
 * successThreshold and failureThreshold of 0 become 1, 10, 1, 3; an httpGet's empty path and
 * scheme become "/" and "HTTP"; terminationGracePeriodSeconds becomes 30.
 *
 * Feature gates: a field whose gate is off by default is dropped by the server before validation.
 * Where dropping it only spares errors, we do the same (probe terminationGracePeriodSeconds
 * before 1.25, procMount before 1.33, ephemeral containers before 1.23). Where dropping it would
 * make a Pod that is valid with the gate on fail (a grpc or sleep handler, an init container's
 * `restartPolicy: Always`, restart rules in 1.34), the field is taken as written: the schema
 * check already says when a field is not available in the version, and that is the one thing to
 * say about it.
 */
import { arr, atLeast, eachObj, num, Obj, obj, present, Rule, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required, reroot } from './errors';
import { FieldPath } from '../path/fieldPath';
import { ContainerMemo } from './memo';
import { ContainerKind, eachContainer } from './containerWalk';
import { isValidPortName, isValidPortNum, regexError } from './names';
import { IS_NEGATIVE_ERROR } from './numbers';
import {
  appArmorAnnotationsMatchFields,
  containerSecurityContext,
  podSecurityContext,
  seccompAnnotationsMatchFields,
  seccompVersionSkew,
  securityAnnotations,
  windowsHostProcess,
} from './securityContext';

interface Env {
  ctx: RuleContext;
  /** spec.terminationGracePeriodSeconds, defaulted: the bound of a sleep action. */
  gracePeriod: number;
  /** spec.hostUsers, defaulted to true. */
  hostUsers: boolean;
}

/**
 * Each kind's container check, memoized per container object: after an edit most containers are
 * the same objects, and the Env (with the version) is all a check reads besides the container.
 */
const CHECKS: Record<ContainerKind, ContainerMemo<Env>> = {
  containers: new ContainerMemo('probes and security of containers', regularContainer),
  initContainers: new ContainerMemo('probes and security of initContainers', initContainer),
  ephemeralContainers: new ContainerMemo('probes and security of ephemeralContainers', ephemeralContainer),
};

export const probesSecurityRules: Rule = (pod, ctx) => {
  const spec = obj(pod.spec);
  if (!spec) return [];
  const annotations = obj(obj(pod.metadata)?.annotations) ?? {};
  const env: Env = { ctx, gracePeriod: num(spec.terminationGracePeriodSeconds) ?? 30, hostUsers: spec.hostUsers !== false };
  // String(): JSON would print NaN and Infinity alike (null).
  const key = JSON.stringify([ctx.version, String(env.gracePeriod), env.hostUsers]);
  const specPath = FieldPath.root('spec');
  const errs: FieldError[] = [];
  for (const { c, path, kind } of eachContainer(spec, ctx)) errs.push(...CHECKS[kind].run(c, path, env, key));
  errs.push(...podSecurityContext(obj(spec.securityContext), specPath.child('securityContext'), ctx));
  errs.push(...windowsHostProcess(spec, ctx));
  errs.push(...securityAnnotations(annotations, spec, ctx));
  errs.push(...seccompVersionSkew(annotations, spec, ctx));
  errs.push(...seccompAnnotationsMatchFields(annotations, spec, ctx));
  errs.push(...appArmorAnnotationsMatchFields(annotations, spec, ctx));
  return errs;
};

/** The lifecycle and probe checks of a container that may have them (validateContainers; validateLivenessProbe & co. from 1.28). */
function lifecycleAndProbes(c: Obj, path: FieldPath, env: Env): FieldError[] {
  const errs: FieldError[] = [];
  const lifecycle = obj(c.lifecycle);
  if (lifecycle) errs.push(...validateLifecycle(lifecycle, path.child('lifecycle'), env));
  const liveness = obj(c.livenessProbe);
  if (liveness) errs.push(...validateProbe(liveness, path.child('livenessProbe'), env), ...successThresholdOne(liveness, path.child('livenessProbe')));
  const readiness = obj(c.readinessProbe);
  if (readiness) {
    errs.push(...validateProbe(readiness, path.child('readinessProbe'), env));
    // Readiness-specific (1.21 in code; the field is dropped until ProbeTerminationGracePeriod is on in 1.25).
    if (atLeast(env.ctx, '1.25') && readiness.terminationGracePeriodSeconds !== undefined && readiness.terminationGracePeriodSeconds !== null) {
      errs.push(
        invalid(
          path.child('readinessProbe').child('terminationGracePeriodSeconds'),
          readiness.terminationGracePeriodSeconds,
          'must not be set for readinessProbes',
        ),
      );
    }
  }
  const startup = obj(c.startupProbe);
  if (startup) errs.push(...validateProbe(startup, path.child('startupProbe'), env), ...successThresholdOne(startup, path.child('startupProbe')));
  return errs;
}

/** validateContainers: a regular container's lifecycle, probes, restartPolicy (1.28+) and securityContext. */
function regularContainer(c: Obj, path: FieldPath, env: Env): FieldError[] {
  const errs = lifecycleAndProbes(c, path, env);
  if (atLeast(env.ctx, '1.35')) {
    // ContainerRestartRules (alpha, off in 1.34; beta, on from 1.35): validateContainerRestartPolicy.
    errs.push(...containerRestartPolicy(c, path));
  } else if (atLeast(env.ctx, '1.28') && c.restartPolicy !== undefined && c.restartPolicy !== null) {
    errs.push(forbidden(path.child('restartPolicy'), 'may not be set for non-init containers'));
  }
  errs.push(...containerSecurityContext(obj(c.securityContext), path.child('securityContext'), env.ctx, env.hostUsers));
  return errs;
}

const INIT_FIELDS = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * validateInitContainers. 1.20 … 1.24: checked as any container, then lifecycle and probes are
 * Invalid "must not be set for init containers"; 1.25 … 1.27: Forbidden "may not be set for init
 * containers"; 1.28+: allowed for restartable (sidecar) init containers, `restartPolicy: Always`
 * (SidecarContainers: alpha 1.28, beta on 1.29), Forbidden "… without restartPolicy=Always" else.
 * A sidecar written for a version without the field (it is reported as unavailable) is checked
 * as a sidecar.
 */
function initContainer(c: Obj, path: FieldPath, env: Env): FieldError[] {
  const { ctx } = env;
  const errs: FieldError[] = [];
  const has = (f: string) => present(c[f]);
  if (!atLeast(ctx, '1.25')) {
    errs.push(...lifecycleAndProbes(c, path, env));
    errs.push(...containerSecurityContext(obj(c.securityContext), path.child('securityContext'), ctx, env.hostUsers));
    if (c.restartPolicy === 'Always') return errs;
    for (const f of INIT_FIELDS) {
      // The server prints the whole struct as the value; shown on the key.
      if (has(f)) errs.push(at(invalid(path.child(f), c[f], 'must not be set for init containers'), path.child(f), 'key'));
    }
    return errs;
  }
  errs.push(...containerSecurityContext(obj(c.securityContext), path.child('securityContext'), ctx, env.hostUsers));
  if (!atLeast(ctx, '1.28')) {
    if (c.restartPolicy === 'Always') return [...errs, ...lifecycleAndProbes(c, path, env)];
    for (const f of INIT_FIELDS) if (has(f)) errs.push(forbidden(path.child(f), 'may not be set for init containers'));
    return errs;
  }
  const policy = c.restartPolicy;
  errs.push(...initContainerRestartPolicy(c, policy, path, ctx));
  if (policy === 'Always') {
    errs.push(...lifecycleAndProbes(c, path, env));
  } else {
    for (const f of INIT_FIELDS) if (has(f)) errs.push(forbidden(path.child(f), 'may not be set for init containers without restartPolicy=Always'));
  }
  return errs;
}

/**
 * validateInitContainerRestartPolicy (1.28+). Restart rules and policies other than Always with
 * ContainerRestartRules on: from 1.35 (alpha, off in 1.34, where util.go drops restartPolicyRules).
 */
function initContainerRestartPolicy(c: Obj, policy: unknown, path: FieldPath, ctx: RuleContext): FieldError[] {
  const rules = arr(c.restartPolicyRules);
  if (policy === undefined || policy === null) {
    if (atLeast(ctx, '1.35') && rules.length > 0) return [required(path.child('restartPolicy'), 'must specify restartPolicy when restart rules are used')];
    return [];
  }
  if (typeof policy !== 'string') return [];
  if (atLeast(ctx, '1.35')) {
    if (policy === 'Always') {
      return rules.length > 0
        ? [forbidden(path.child('restartPolicyRules'), 'restartPolicyRules are not allowed for init containers with restart policy Always')]
        : [];
    }
    return containerRestartPolicy(c, path);
  }
  return policy === 'Always' ? [] : [notSupported(path.child('restartPolicy'), policy, ['Always'])];
}

/** validateContainerRestartPolicy (ContainerRestartRules: alpha, off in 1.34; beta, on from 1.35). */
function containerRestartPolicy(c: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = arr(c.restartPolicyRules);
  const policy = c.restartPolicy;
  if (policy === undefined || policy === null) {
    if (rules.length === 0) return errs;
    errs.push(required(path.child('restartPolicy'), 'must specify restartPolicy when restart rules are used'));
  } else if (typeof policy === 'string' && !['Always', 'Never', 'OnFailure'].includes(policy)) {
    errs.push(notSupported(path.child('restartPolicy'), policy, ['Always', 'Never', 'OnFailure']));
  }
  eachObj(rules, (rule, i) => {
    const p = path.child('restartPolicyRules').index(i);
    const action = str(rule.action) ?? '';
    if (action !== 'Restart') errs.push(notSupported(p.child('action'), action, ['Restart']));
    const exitCodes = obj(rule.exitCodes);
    if (exitCodes) {
      const op = str(exitCodes.operator) ?? '';
      if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(p.child('exitCodes').child('operator'), op, ['In', 'NotIn']));
    } else {
      errs.push(required(p.child('exitCodes'), 'must be specified'));
    }
  });
  return errs;
}

/**
 * validateEphemeralContainers. The EphemeralContainers gate is off (the list dropped) until 1.23:
 * containerWalk.ts leaves them out. 1.23 … 1.24: checked through validateContainers([c]) under
 * `spec.ephemeralContainers[i]`, so the server's paths carry an extra `[0]`
 * (`spec.ephemeralContainers[0][0].securityContext…`); shown on the real node. 1.25+:
 * validateContainerCommon (only the securityContext is ours; the fields an ephemeral container may
 * not have are the containers rules' allow-list).
 */
function ephemeralContainer(c: Obj, path: FieldPath, env: Env): FieldError[] {
  const { ctx } = env;
  if (atLeast(ctx, '1.25')) return containerSecurityContext(obj(c.securityContext), path.child('securityContext'), ctx, env.hostUsers);
  if (!str(c.name)) return []; // "ephemeralContainer requires a name": nothing else is checked.
  const errs = [...lifecycleAndProbes(c, path, env), ...containerSecurityContext(obj(c.securityContext), path.child('securityContext'), ctx, env.hostUsers)];
  return errs.map((e) => reroot(e, path, path.index(0), 'named'));
}

/** Liveness and startup probes: successThreshold (defaulted to 1) must be 1. */
function successThresholdOne(probe: Obj, path: FieldPath): FieldError[] {
  const v = num(probe.successThreshold);
  const effective = v === undefined || v === 0 ? 1 : v;
  return effective === 1 ? [] : [invalid(path.child('successThreshold'), effective, 'must be 1')];
}

const NONNEGATIVE = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/** validateProbe: one handler, non-negative numbers, terminationGracePeriodSeconds > 0 (1.22 in code; the field on from 1.25). */
function validateProbe(probe: Obj, path: FieldPath, env: Env): FieldError[] {
  const errs = validateHandler(probe, path, env, probeHandlers);
  for (const f of NONNEGATIVE) {
    const v = num(probe[f]);
    if (v !== undefined && v < 0) errs.push(invalid(path.child(f), v, IS_NEGATIVE_ERROR));
  }
  const grace = num(probe.terminationGracePeriodSeconds);
  if (atLeast(env.ctx, '1.25') && grace !== undefined && grace <= 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  }
  return errs;
}

type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

/**
 * A probe's handlers (grpc: 1.23, GRPCContainerProbe alpha in 1.23, beta on in 1.24; before, the
 * field is reported as unavailable and still counts as the handler).
 */
const probeHandlers: HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** A lifecycle hook's handlers (sleep: 1.29, PodLifecycleSleepAction alpha in 1.29, beta on in 1.30; likewise). */
const lifecycleHandlers: HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/** validateLifecycle: postStart and preStop each one handler. */
function validateLifecycle(lifecycle: Obj, path: FieldPath, env: Env): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(lifecycle[hook]);
    if (h) errs.push(...validateHandler(h, path.child(hook), env, lifecycleHandlers));
  }
  return errs;
}

/** validateHandler: exactly one handler, in the server's order; the ones after the first are Forbidden. */
function validateHandler(h: Obj, path: FieldPath, env: Env, kinds: HandlerKind[]): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = obj(h[kind]);
    if (!action) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const p = path.child(kind);
    switch (kind) {
      case 'exec':
        if (arr(action.command).length === 0) errs.push(required(p.child('command'), ''));
        break;
      case 'httpGet':
        errs.push(...validateHTTPGetAction(action, p, env.ctx.version));
        break;
      case 'tcpSocket':
        errs.push(...portNumOrName(action.port, p.child('port'), env.ctx.version));
        break;
      case 'grpc':
        // validateGRPCAction (1.23+): an int32 port, checked as a number.
        if (atLeast(env.ctx, '1.23')) errs.push(...portNumOrName(num(action.port) ?? 0, p.child('port'), env.ctx.version));
        break;
      case 'sleep':
        if (atLeast(env.ctx, '1.29')) errs.push(...validateSleepAction(action, p, env));
        break;
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';

/** validateHTTPGetAction; the path and scheme are defaulted ("/", HTTP), so an empty one is never reported. */
function validateHTTPGetAction(http: Obj, path: FieldPath, version: string): FieldError[] {
  const errs = portNumOrName(http.port, path.child('port'), version);
  const scheme = str(http.scheme);
  if (scheme && scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(path.child('scheme'), scheme, ['HTTP', 'HTTPS']));
  eachObj(http.httpHeaders, (header, i) => {
    const name = str(header.name) ?? '';
    if (!new RegExp(`^${httpHeaderNameFmt}$`).test(name)) {
      const e = invalid(
        path.child('httpHeaders'),
        name,
        regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, 'X-Header-Name'),
      );
      errs.push(at(e, path.child('httpHeaders').index(i).child('name')));
    }
  });
  return errs;
}

/** ValidatePortNumOrName: an int-or-string; a missing port is the int 0. */
function portNumOrName(port: unknown, path: FieldPath, version: string): FieldError[] {
  if (port === undefined || port === null) return isValidPortNum(0).map((m) => invalid(path, 0, m));
  if (typeof port === 'number') return Number.isInteger(port) ? isValidPortNum(port).map((m) => invalid(path, port, m)) : [];
  if (typeof port === 'string') return isValidPortName(port, version).map((m) => invalid(path, port, m));
  return [];
}

/**
 * validateSleepAction (1.29+; PodLifecycleSleepAction on from 1.30): 1.29 … 1.31 0 < seconds ≤ grace period;
 * 1.32 the same with a hint at the AllowPodLifecycleSleepActionZeroValue gate (alpha, off);
 * 1.33+ (PodLifecycleSleepActionAllowZero on) 0 ≤ seconds ≤ grace period.
 */
function validateSleepAction(sleep: Obj, path: FieldPath, env: Env): FieldError[] {
  const seconds = num(sleep.seconds) ?? 0;
  const grace = env.gracePeriod;
  let msg: string | undefined;
  if (atLeast(env.ctx, '1.33')) {
    if (seconds < 0 || seconds > grace) msg = `must be non-negative and less than terminationGracePeriodSeconds (${grace})`;
  } else if (seconds <= 0 || seconds > grace) {
    msg = `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`;
    if (atLeast(env.ctx, '1.32')) msg += '. Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.';
  }
  return msg ? [at(invalid(path, seconds, msg), path.child('seconds'))] : [];
}
