/**
 * The KubeClient that the extension's commands share, and when its connections are closed. A new
 * configuration (context, namespace, token, settings) retires it: later callers get a new client,
 * and the old one closes its pooled connections when its last lease ends, so a switch neither
 * leaves sockets open nor cuts a followed log or an apply in flight. dispose() closes them all.
 */
import type { KubeClient } from './kubeClient';

export interface ClientLease {
  readonly client: KubeClient;
  /** Another lease on the same client, for work that outlives this one (a followed log, a phase watch). */
  share(): ClientLease;
  /** Ends this lease; calling it again does nothing. */
  release(): void;
}

interface Holder {
  client: Promise<KubeClient>;
  leases: number;
  retired: boolean;
}

export class SharedClient {
  private current: Holder | undefined;
  private readonly holders = new Set<Holder>();

  /** `create` makes the client of the configuration in force; what it throws, lease() throws. */
  constructor(private readonly create: () => Promise<KubeClient>) {}

  async lease(): Promise<ClientLease> {
    const holder = this.current ?? this.hold();
    // counted before the wait: a retire() meanwhile must not close the client under this caller
    holder.leases++;
    try {
      return this.leaseOn(holder, await holder.client);
    } catch (e) {
      // not cached: the next call tries again (the user may have fixed the kubeconfig by then)
      if (this.current === holder) this.current = undefined;
      this.holders.delete(holder);
      throw e;
    }
  }

  /** The configuration changed: the next lease gets a new client. */
  retire(): void {
    const holder = this.current;
    this.current = undefined;
    if (!holder) return;
    holder.retired = true;
    if (holder.leases === 0) this.close(holder);
  }

  dispose(): void {
    this.current = undefined;
    for (const holder of [...this.holders]) this.close(holder);
  }

  private hold(): Holder {
    const holder: Holder = { client: this.create(), leases: 0, retired: false };
    this.current = holder;
    this.holders.add(holder);
    return holder;
  }

  private leaseOn(holder: Holder, client: KubeClient): ClientLease {
    let released = false;
    return {
      client,
      share: () => {
        holder.leases++;
        return this.leaseOn(holder, client);
      },
      release: () => {
        if (released) return;
        released = true;
        holder.leases--;
        if (holder.retired && holder.leases === 0) this.close(holder);
      },
    };
  }

  private close(holder: Holder): void {
    this.holders.delete(holder);
    holder.client.then(
      (client) => client.close(),
      () => undefined,
    );
  }
}
