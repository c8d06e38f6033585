/**
 * probes, lifecycle handlers, container restartPolicy (sidecars), container and pod securityContext (validateProbe, validateLifecycle, ValidateSecurityContext, validatePodSpecSecurityContext).
 */
import type { Rule } from './context';

export const probesSecurityRules: Rule = () => [];
