/**
 * Every custom request and notification between the extension (client) and the language server,
 * declared once and imported by both halves. The client never parses YAML: it asks the server.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Status } from './status';

/** One document of a file that the cluster commands can send: a Pod, or an object with a Pod template. */
export interface ManifestDocument {
  /** Which `---` document of the file (0-based). */
  index: number;
  /** `Pod`, `Deployment`, … (one of the kinds the language server understands). */
  kind: string;
  /** As the manifest writes it (`v1`, `apps/v1`, `batch/v1beta1`): the API group and version to send it to. */
  apiVersion: string;
  /** Where its Pod template is, in the server's field path notation: `spec.template`, `spec.jobTemplate.spec.template`, `template`; empty for a Pod. */
  templatePath: string;
  /** metadata.name (empty when the object has only a generateName). */
  name: string;
  /** metadata.namespace, when the manifest sets one. */
  namespace?: string;
  /** The decoded object, as Kubernetes reads the YAML (YAML 1.1 scalars, aliases and merge keys resolved). */
  manifest: Record<string, unknown>;
  /** The document's whole range, for CodeLens and for highlighting. */
  range: Range;
  /** Errors the server would reject the object for, found offline (a command can warn before it sends). */
  errors: number;
}

export interface ManifestsParams {
  uri: string;
  /** The document at this position; all of the file's when absent. */
  position?: Position;
}

/** Client → server: "which Pods and workloads are in this file (or under the cursor)?", for the CodeLens and before Apply / Dry run / Logs. */
export const ManifestsRequest = new RequestType<ManifestsParams, ManifestDocument[], void>('podManifests/manifests');

export interface ClusterAnswerParams {
  uri: string;
  /** The document index the answer is about (ManifestDocument.index). */
  index: number;
  /** The text version the request was made from: an answer about an older text is dropped. */
  version: number;
  /** The failure, as the API server sent it, or null after a success (which clears earlier cluster diagnostics). */
  status: Status | null;
  /** `Warning:` headers of the answer. */
  warnings: string[];
  /** What was asked, for the messages: "Dry run", "Apply". */
  action: string;
}

/** Client → server: the cluster's answer to Apply / Dry run, to be shown on the YAML lines it is about. */
export const ClusterAnswerNotification = new NotificationType<ClusterAnswerParams>('podManifests/clusterAnswer');

/** One thing the cluster reports about a live object, on the field it is about. */
export interface ClusterFinding {
  /**
   * Where, in the server's field path notation, from the object's root:
   * `spec.template.spec.containers[name="app"].image`. A part that is not in the text places it on
   * the nearest field that is (the container, when it has no memory limit); empty: the `kind` line.
   */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'information';
  /** `ImagePullBackOff`, `OOMKilled`, `Unhealthy`, `FailedCreate`, … */
  code: string;
}

export interface ClusterStatusParams {
  uri: string;
  /** Which document: the one of this kind and name (and namespace, when it says one). */
  kind: string;
  name: string;
  namespace?: string;
  /** Everything that holds now; an empty list clears what was shown. */
  findings: ClusterFinding[];
}

/**
 * Client → server: what the cluster reports now about one object of a file (its Pods' states and
 * the events about it), after an apply or on demand, from a watch. Shown on the lines it is about,
 * across edits, until the client sends the next list (empty when nothing is wrong any more).
 */
export const ClusterStatusNotification = new NotificationType<ClusterStatusParams>('podManifests/clusterStatus');

/**
 * A Pod schema the server converted from a cluster's OpenAPI document. Its format is the server's
 * (that of the bundled `schemas/`): the client only caches it per server version and sends it
 * back as it got it.
 */
export interface ConvertedSchema {
  readonly version: string;
}

export interface ClusterSchemaParams {
  /** The connected server's `/version` gitVersion, e.g. `v1.20.2`. */
  gitVersion: string;
  /** Its OpenAPI document: `/openapi/v3/api/v1`, or `/openapi/v2` on servers before 1.23. */
  openapi?: unknown;
  /** Or the schema converted from it earlier (the client caches it per server version). */
  schema?: ConvertedSchema;
}

export interface ClusterSchemaResult {
  /** The converted schema, for the client's cache. */
  schema: ConvertedSchema;
  /** The Kubernetes version it is, "1.20": the rules of that version apply. */
  version: string;
}

/**
 * Client → server, with `kubernetesVersion: "cluster"`: check Pods against the connected cluster's
 * own schema, converted as the bundled ones are. `null` goes back to the bundled schema.
 */
export const ClusterSchemaRequest = new RequestType<ClusterSchemaParams | null, ClusterSchemaResult | null, void>('podManifests/clusterSchema');

/** The Pod Security policy in force for one document of a file. */
export interface PodSecurityInForce {
  /** Which `---` document (ManifestDocument.index). */
  index: number;
  /** The namespace it goes to: its own, else the default one. */
  namespace: string;
  /** `enforce restricted:latest`, `enforce baseline:v1.27, warn restricted:latest`, `privileged`; absent when none is known. */
  policy?: string;
  /**
   * Where the policy comes from (`Namespace "prod" in this file`, `the cluster`, `the setting
   * podManifests.podSecurity`); `off` when the setting turns it off.
   */
  source?: string;
}

/**
 * Client → server: "which Pod Security policy applies to each document of this file, and from
 * where?", for the status bar, and for the client to learn which namespaces' labels it could read
 * from the cluster (those with no policy).
 */
export const PodSecurityRequest = new RequestType<{ uri: string }, PodSecurityInForce[], void>('podManifests/podSecurity');

export interface NamespaceLabelsParams {
  namespace: string;
  /** The namespace's labels; null when the cluster has no such namespace (or it cannot be read): then nothing is known. */
  labels: Record<string, string> | null;
  /** Where they come from, as the status bar says it: `the cluster (https://…)`. */
  source: string;
}

/**
 * Client → server: a namespace's labels as the connected cluster has them (read once per
 * namespace, again after each apply), for the Pod Security policy its labels set.
 */
export const NamespaceLabelsNotification = new NotificationType<NamespaceLabelsParams>('podManifests/namespaceLabels');

/** Client → server: where documents without `metadata.namespace` go (the kubeconfig context's namespace). */
export const DefaultNamespaceNotification = new NotificationType<{ namespace: string }>('podManifests/defaultNamespace');

/** What the background index of the workspace's objects holds, and what it costs. */
export interface WorkspaceIndexStats {
  /** YAML and JSON files read, and those still to read. */
  files: number;
  pending: number;
  /** Objects indexed (ConfigMaps, Secrets, PersistentVolumeClaims, ServiceAccounts, Namespaces). */
  objects: number;
  /** An estimate of the index's own memory, in bytes (names, keys, ranges, uris). */
  bytes: number;
  /** Wall time from the first file read to the last, so far (ms). */
  elapsedMs: number;
}

/** Client (or bench) → server: how far the workspace index is, and its memory (`npm run bench` reports it). */
export const WorkspaceIndexStatsRequest = new RequestType<null, WorkspaceIndexStats, void>('podManifests/workspaceIndexStats');

export interface ClusterObjectsParams {
  namespace: string;
  /** Where they come from, for the messages: `context "dev"`. */
  source: string;
  /** Names, and a ConfigMap's or Secret's keys: never a value. */
  objects: { kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount'; name: string; keys: string[] }[];
}

/**
 * Client → server, when the user asks (Load Names from the Cluster): the names of a namespace's
 * ConfigMaps, Secrets, claims and ServiceAccounts, for completion and the key checks, beside the
 * workspace's. The cluster is never read unasked.
 */
export const ClusterObjectsNotification = new NotificationType<ClusterObjectsParams>('podManifests/clusterObjects');
