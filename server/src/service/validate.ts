/**
 * Diagnostics of a file: the problems of each `---` document (check.ts), as the editor shows them,
 * less those a Helm template leaves open (templateScope.ts) and those its comments silence
 * (suppress.ts).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysedFile, AnalysedPart } from './documents';
import type { Problem } from './problems';
import { pointerOfProblem } from './where';
import { kindOf, ModelFor, problemsOf } from './check';
import { SOURCE, toDiagnostic } from './diagnostics';
import { suppressing, suppressionsOf } from './suppress';
import { kindUnknown, openPointers, templated } from './templateScope';
import { PodSecurityScope, podSecurityOf } from './podSecurity';
import { fileSites, SAYS_SERVICE } from './nameGraph';
import { podNameProblems, serviceNameProblems } from './nameChecks';
import { missingKeyProblems, ObjectsInScope, ObjectsOf } from './objectReferences';

/**
 * What a patch (a Kustomize patch) cannot be held to, since it says only what it changes: a field
 * it leaves out (Required, and a rule about a field it does not write, such as a selector that must
 * match labels it does not set), and a name looked up in what it leaves out.
 */
function needsWholeObject(p: Problem, part: AnalysedPart): boolean {
  if (p.code === 'required' || p.code === 'not-found') return true;
  const pointer = pointerOfProblem(p, part.parsed.decoded);
  return pointer !== undefined && !part.parsed.decoded?.index.has(pointer);
}

/** What a check of a file reads beyond it: the Pod Security policies (none: not checked), the workspace's objects, the default namespace. */
export interface ValidateScope {
  podSecurity?: PodSecurityScope;
  objects?: ObjectsOf;
  defaultNamespace: string;
}

/**
 * @param patch the file is a patch: nothing that needs the whole object is said
 * @param silenced receives the diagnostics the comments silence, each with the comment's line (the CLI lists them)
 */
export function validateFile(
  file: AnalysedFile,
  models: ModelFor,
  patch: boolean,
  scope: ValidateScope,
  silenced?: { diagnostic: Diagnostic; commentLine: number }[],
): Diagnostic[] {
  const podSecurity = scope.podSecurity;
  let objects: ObjectsInScope | undefined;
  // The file's names, read once for all its documents (a Service's point into the others).
  let names: ReturnType<typeof fileSites> | undefined;
  return file.parts.flatMap((part, doc) => {
    let problems = problemsOf(part, models);
    // A patch has only what it changes: names it points at may be in the base.
    if (!patch) {
      // A Pod's own names (kept with its text); a Service's, against the file's Pods.
      const found =
        part.class.kind === 'object'
          ? [
              ...podNameProblems(part),
              ...missingKeyProblems(part, (objects ??= new ObjectsInScope(file, scope.objects, scope.defaultNamespace)), scope.defaultNamespace),
            ]
          : SAYS_SERVICE.test(part.text)
            ? serviceNameProblems((names ??= fileSites(file)), doc)
            : [];
      if (found.length > 0) problems = [...problems, ...found].sort((a, b) => a.span.start - b.span.start);
    }
    // Pod Security is said whatever else is wrong: the server's admission runs on what decodes.
    const security =
      podSecurity && part.class.kind === 'object'
        ? podSecurityOf(part, kindOf(part), podSecurity.policyFor, podSecurity.defaultNamespace, podSecurity.kubernetesVersion)
        : undefined;
    if (security?.problems.length) problems = [...problems, ...security.problems].sort((a, b) => a.span.start - b.span.start);
    if (patch) problems = problems.filter((p) => !needsWholeObject(p, part));
    // A Helm template: what rendering could change is not said (templateScope.ts).
    const template = file.template;
    if (template) {
      if (kindUnknown(part, template)) return [];
      const open = openPointers(part, template);
      problems = problems.filter((p) => !templated(p, part, template, open));
    }
    const all = problems.map((p) => toDiagnostic(part, p, SOURCE));
    const suppressions = suppressionsOf(part);
    if (suppressions.lines.size === 0 && !suppressions.document) return all;
    return all.filter((d) => {
      const by = suppressing(d, suppressions);
      if (by) silenced?.push({ diagnostic: d, commentLine: by.line });
      return !by;
    });
  });
}
