/**
 * One request to pods/NAME/log, returned as an open stream. The resuming follower is built on
 * this (logFollower.ts); this file only names the answers the log endpoint has of its own:
 * 204 while the Pod has no node, 400 for a missing or wrong container name.
 */
import { BadRequestError, PodNotScheduledError } from './errors';
import type { ApiStream, KubeClient } from './kubeClient';
import { podPath } from './podApi';

export interface LogOptions {
  /** required when the Pod has more than one container */
  container?: string;
  follow?: boolean;
  tailLines?: number;
  /** prefix each line with its RFC3339Nano time */
  timestamps?: boolean;
  /** RFC3339; the API server passes it to the kubelet truncated to whole seconds */
  sinceTime?: string;
  sinceSeconds?: number;
  /** the previous instance of a restarted container */
  previous?: boolean;
  limitBytes?: number;
  signal?: AbortSignal;
}

export async function openPodLog(client: KubeClient, name: string, namespace: string, opts: LogOptions = {}): Promise<ApiStream> {
  let s: ApiStream;
  try {
    s = await client.stream({
      method: 'GET',
      path: podPath(namespace, name, 'log'),
      accept: '*/*',
      query: {
        container: opts.container,
        follow: opts.follow || undefined,
        tailLines: opts.tailLines,
        timestamps: opts.timestamps || undefined,
        sinceTime: opts.sinceTime,
        sinceSeconds: opts.sinceTime ? undefined : opts.sinceSeconds,
        previous: opts.previous || undefined,
        limitBytes: opts.limitBytes,
      },
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof BadRequestError) {
      // e.g. "a container name must be specified for pod web, choose one of: [app sidecar]"
      const e = new BadRequestError(client.target, { ...err.status, message: `cannot read the logs of Pod "${name}": ${err.serverMessage}` });
      e.warnings = err.warnings;
      throw e;
    }
    throw err;
  }
  if (s.statusCode === 204) {
    s.close();
    const e = new PodNotScheduledError(client.target, namespace, name);
    e.warnings = s.warnings;
    throw e;
  }
  return s;
}
