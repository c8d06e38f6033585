/**
 * The schema check and the rules see the same Pod and sometimes the same fault. Each fault is
 * reported once, in the most precise words either has for it.
 */
import type { Problem } from './problems';

const WRONG_VALUE = new Set<Problem['code']>(['wrong-type', 'invalid-quantity', 'unsupported-value']);

export function combine(schema: Problem[], rules: Problem[]): Problem[] {
  // A rule's words for a missing field ("type is required when seccompProfile is set", "uid must not
  // be empty") beat the schema's bare "Required value". Some server paths name the list, not the item
  // (`metadata.ownerReferences.uid`): paths are compared without their indices.
  const unindexed = (p: Problem) => `${p.span.start}:${p.path?.replace(/\[\d+\]/g, '')}`;
  const ruleSaid = new Set(rules.map(unindexed));
  const schemaProblems = schema.filter((p) => !(p.code === 'required' && ruleSaid.has(unindexed(p))));
  // A value of the wrong type is one fault: rules have nothing to add about it or below it.
  const badValues = schemaProblems.filter((p) => p.path && WRONG_VALUE.has(p.code)).map((p) => p.path!);
  const underBadValue = (path?: string) => !!path && badValues.some((b) => path === b || path.startsWith(`${b}.`) || path.startsWith(`${b}[`));
  // What the schema check said already (image: Required value), a rule does not say again.
  const said = new Set(schemaProblems.flatMap((p) => [`${p.span.start}:${p.message}`, `${p.span.start}:${p.code}`]));
  const ruleProblems = rules.filter((p) => !said.has(`${p.span.start}:${p.message}`) && !said.has(`${p.span.start}:${p.code}`) && !underBadValue(p.path));
  return [...schemaProblems, ...ruleProblems];
}
