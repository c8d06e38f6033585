/**
 * The rules of pkg/apis/apps/validation (and core's ReplicationController): each kind's own
 * fields and the kind-specific checks of its Pod template (the template's ValidatePodTemplateSpec
 * is rules/workloads.ts'), plus what the caller needs to know about how the template is validated.
 */
export { deploymentRules } from './deployment';
export { replicaSetRules, replicationControllerRules } from './replicaSet';
export { daemonSetRules } from './daemonSet';
export { statefulSetRules, statefulSetTemplateFaultChecked, statefulSetTemplateForValidation, statefulSetTemplateValidated } from './statefulSet';
export { templateValidation } from './templateValidation';
