/**
 * what the server only warns about (pkg/api/pod/warnings.go: GetWarningsForPod).
 */
import type { Rule } from './context';

export const warningsRules: Rule = () => [];
