/**
 * The large-file policy. A file above either limit is not analysed at all: validation answers
 * with one information diagnostic, `too large to analyse: …`, on the first line, and completion,
 * hover, outline and the cluster commands answer empty, so the server never spends seconds (the
 * first analysis of a 10 MB file took ~14 s) on a file nobody edits by hand. Below the limits every
 * `---` document is analysed and cached, so an edit costs the edited document.
 *
 * - more than MAX_CHARS characters (UTF-16 code units: 4 MiB, ~4 MB of ASCII YAML), or
 * - more than MAX_LINES lines (100,000: ~2 s for the first analysis on a loaded 2-core machine).
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { thousands } from '../format';

export const MAX_CHARS = 4 * 1024 * 1024;
export const MAX_LINES = 100_000;
export const TOO_LARGE = 'too-large';

/** Why `text` is too large to analyse, or undefined when it is not. Cheap: stops counting at the limit. */
export function tooLargeToAnalyse(text: string): string | undefined {
  // Messages are built only when needed: this runs on every analysis.
  const limit = () => `the limit is ${MAX_CHARS / 1024 / 1024} MiB or ${thousands(MAX_LINES)} lines`;
  if (text.length > MAX_CHARS)
    return `too large to analyse: ${(text.length / 1024 / 1024).toFixed(1)} MiB (${limit()}); split the file to have its Pods checked`;
  if (text.length <= MAX_LINES) return undefined;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_LINES) return `too large to analyse: more than ${thousands(MAX_LINES)} lines (${limit()}); split the file to have its Pods checked`;
  }
  return undefined;
}

/** The one diagnostic of a file too large to analyse: on its first line. */
export function tooLargeDiagnostic(text: string, message: string, source: string): Diagnostic {
  const eol = text.indexOf('\n');
  const firstLine = Math.min(eol < 0 ? text.length : eol, 200);
  const end = firstLine > 0 && text.charCodeAt(firstLine - 1) === 13 ? firstLine - 1 : firstLine;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
    severity: DiagnosticSeverity.Information,
    code: TOO_LARGE,
    source,
    message,
  };
}
