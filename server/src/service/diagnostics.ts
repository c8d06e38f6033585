/**
 * Problems → LSP diagnostics: the sources the diagnostics carry and the data a quick fix reads.
 * The one place where a Problem (any producer's: schema, rules, the cluster) becomes a Diagnostic.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { AnalysedPart } from './documents';
import type { Problem, Severity } from './problems';
import { spanToRange } from './ranges';

/** Diagnostics of the offline checks. */
export const SOURCE = 'pod-manifests';
/** Diagnostics from the cluster's answers to apply and dry run. */
export const CLUSTER_SOURCE = 'cluster';

/** What a diagnostic carries for the quick fixes and the CLI's JSON output. */
export interface DiagnosticData {
  replacement?: string;
  path?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** A problem of `part` as a diagnostic; the cluster's problems have codes of their own (`409`, `conflict`). */
export function toDiagnostic(part: AnalysedPart, p: Omit<Problem, 'code'> & { code: string }, source: string): Diagnostic {
  const data: DiagnosticData = {};
  if (p.replacement !== undefined) data.replacement = p.replacement;
  if (p.path !== undefined) data.path = p.path;
  const d: Diagnostic = { range: spanToRange(part, p.span), severity: SEVERITY[p.severity], code: p.code, source, message: p.message };
  if (source === SOURCE) d.data = data;
  return d;
}
