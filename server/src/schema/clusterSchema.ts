/**
 * The connected cluster's own Pod schema (`kubernetesVersion: "cluster"`): its OpenAPI document,
 * converted by the same code as the bundled schemas, and compiled by ajv when it arrives.
 */
import type { ClusterSchemaParams } from '../../../protocol/messages';
import { compilePodValidator } from './ajv';
import { definitionsOf, podTypes } from './fromOpenApi';
import { SchemaModel } from './model';
import type { PodSchema } from './types';

/** `v1.20.2` → "1.20"; `v1.27.3-gke.100` → "1.27". */
export function minorVersion(gitVersion: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  if (!m) throw new Error(`cannot read the Kubernetes version "${gitVersion}"`);
  return `${m[1]}.${m[2]}`;
}

export function clusterSchema(params: ClusterSchemaParams): PodSchema {
  if (params.schema) return params.schema as PodSchema; // made here before, kept by the client as it was
  const version = minorVersion(params.gitVersion);
  // No other versions to compare with: a field this cluster lacks is simply unknown to it.
  return { version, root: 'Pod', types: podTypes(definitionsOf(params.openapi), version), later: {} };
}

export function clusterSchemaModel(schema: PodSchema): SchemaModel {
  return new SchemaModel(schema, compilePodValidator);
}
