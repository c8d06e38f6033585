/** The Pods and workloads of a file, or the one at a position, as the cluster commands need them. */
import type { Position } from 'vscode-languageserver-types';
import type { ManifestDocument } from '../../../protocol/messages';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { ModelFor, problemsOf } from './check';
import { KIND_INFO } from '../schema/kinds';
import { partRange } from './ranges';

export function manifests(file: AnalysedFile, models: ModelFor, position?: Position): ManifestDocument[] {
  // A Helm template is not what goes to the cluster: its rendering is (`helm template`, `helm
  // install`). (A manifest with `{{` only inside values, `--format={{.Level}}`, is still sent.)
  if (file.template?.control.length) return [];
  const chosen = position ? [partAt(file, position)] : file.parts;
  const out: ManifestDocument[] = [];
  for (const part of chosen) {
    if (!part || part.class.kind !== 'object') continue;
    const value = part.parsed.decoded?.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    // A document is classified by its kind and apiVersion, so both are strings here.
    if (typeof value.apiVersion !== 'string') continue;
    const meta = (typeof value.metadata === 'object' && value.metadata !== null && !Array.isArray(value.metadata) ? value.metadata : {}) as Record<
      string,
      unknown
    >;
    out.push({
      index: file.parts.indexOf(part),
      kind: part.class.type,
      apiVersion: value.apiVersion,
      templatePath: KIND_INFO[part.class.type].templatePath,
      name: typeof meta.name === 'string' ? meta.name : '',
      ...(typeof meta.namespace === 'string' && meta.namespace ? { namespace: meta.namespace } : {}),
      manifest: value as Record<string, unknown>,
      range: partRange(part),
      errors: problemsOf(part, models).filter((p) => p.severity === 'error').length,
    });
  }
  return out;
}
