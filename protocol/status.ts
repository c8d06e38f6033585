/**
 * The Kubernetes API's `Status` (metav1.Status), the body of a failed request. The client's HTTP
 * layer reads it into its typed errors and hands it to the language server as it is; the server
 * puts each cause on the YAML line it names. Declared once, so neither half converts it.
 */

/** One reason the server gives; `field` is the path it names. */
export interface StatusCause {
  reason?: string;
  message?: string;
  /** `spec.containers[0].ports[0].containerPort` (422) or `.spec.containers[name="app"].image` (409) */
  field?: string;
}

export interface Status {
  /** "Status" on the wire (TypeMeta; omitempty in Go) */
  kind?: 'Status';
  apiVersion?: string;
  /** "Failure" (or "Success") */
  status?: string;
  /** the server's own words */
  message?: string;
  /** machine-readable: "Invalid", "Conflict", "NotFound", … */
  reason?: string;
  /** the HTTP status of the answer (the client sets it when the server did not) */
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
}
