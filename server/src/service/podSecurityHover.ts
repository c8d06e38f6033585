/**
 * Hover on a Pod Security finding: the whole answer the server would give (every failed check,
 * in its order), the policy and where it comes from. Added below the field's own hover.
 */
import type { Position } from 'vscode-languageserver-types';
import { kindOf } from './check';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { PodSecurityScope, podSecurityOf, policyText } from './podSecurity';

export function podSecurityHover(file: AnalysedFile, position: Position, scope: PodSecurityScope): string | undefined {
  const part = partAt(file, position);
  if (!part || part.class.kind !== 'object') return undefined;
  const result = podSecurityOf(part, kindOf(part), scope.policyFor, scope.defaultNamespace, scope.kubernetesVersion);
  if (!result || result.answer.length === 0) return undefined;
  const offset = part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character });
  if (!result.problems.some((p) => p.span.start <= offset && offset <= p.span.end)) return undefined;
  const answer = result.answer.map((a) => `    ${a}`).join('\n');
  return `**Pod Security** (${policyText(result.inForce.policy)}, from ${result.inForce.source}). The API server would answer:\n\n${answer}`;
}
