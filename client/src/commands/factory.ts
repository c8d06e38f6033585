/**
 * Every command is registered through one factory (after rust-analyzer's CommandFactory) that
 * knows what the command needs: a trusted workspace, a configured cluster, the language server
 * running and a Pod or workload to act on. When something is missing the command does not run and one
 * message says what to do; the commands themselves only do their job. Any failure is one
 * notification naming the command, with the details in the output (output.ts).
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import type { ManifestDocument } from '../../../protocol/messages';
import type { ClientLease, KubeClient } from '../cluster';
import type { ClusterSession } from '../clusterSession';
import type { ReadOnlyDocuments } from '../readOnlyDocuments';
import type { LiveStatuses } from '../liveStatuses';
import type { LogTerminals } from '../logTerminals';
import type { Output } from '../output';
import type { PodSecurityStatus } from '../podSecurityStatus';
import { type ManifestTarget, targetManifests } from './targets';

/** What every command can use; made once, owned by extension.ts. */
export interface CommandContext {
  client: LanguageClient;
  session: ClusterSession;
  output: Output;
  views: ReadOnlyDocuments;
  logs: LogTerminals;
  live: LiveStatuses;
  podSecurity: PodSecurityStatus;
}

/** One run of a command that talks to the cluster. */
export interface ClusterRun extends CommandContext {
  /** How messages name the command: "Apply". */
  action: string;
  /** The cluster's client, leased for this run (share() it for what outlives the run). */
  lease: ClientLease;
  kube: KubeClient;
  /** Runs `task` under a progress notification whose Cancel aborts its requests. */
  progress<T>(task: (signal: AbortSignal) => Promise<T>, title?: string): Promise<T>;
}

/** One run of a command on Pods and workloads: the CodeLens's, the one at the cursor, or all of the file's. */
export interface ManifestsRun extends ClusterRun {
  doc: vscode.TextDocument;
  manifests: ManifestDocument[];
}

/**
 * A command, how messages name it, and what it needs before it runs; each level needs the ones
 * before it: nothing; 'trust', a trusted workspace (a manifest in an untrusted one could name any
 * server); 'cluster', a client for the configured cluster; 'manifests', the language server
 * running and the documents (Pods and workloads) the command was asked for.
 */
export type CommandFactory =
  | { action: string; needs?: undefined; run: (ctx: CommandContext, target?: ManifestTarget) => unknown }
  | { action: string; needs: 'trust'; run: (ctx: CommandContext) => unknown }
  | { action: string; needs: 'cluster'; run: (run: ClusterRun) => unknown }
  | { action: string; needs: 'manifests'; run: (run: ManifestsRun) => unknown };

export function registerCommands(ctx: CommandContext, factories: Record<string, CommandFactory>): vscode.Disposable[] {
  return Object.entries(factories).map(([id, factory]) => vscode.commands.registerCommand(id, (target?: ManifestTarget) => runCommand(ctx, factory, target)));
}

async function runCommand(ctx: CommandContext, factory: CommandFactory, target: ManifestTarget | undefined): Promise<void> {
  const { action } = factory;
  if (factory.needs && !requireTrust(action)) return;
  let lease: ClientLease | undefined;
  try {
    switch (factory.needs) {
      case undefined:
      case 'trust':
        await factory.run(ctx, target);
        return;
      case 'cluster':
        lease = await ctx.session.lease();
        await factory.run(clusterRun(ctx, action, lease));
        return;
      case 'manifests': {
        if (!requireServer(ctx.client, action)) return;
        const found = await targetManifests(ctx.client, action, target);
        if (!found) return;
        lease = await ctx.session.lease();
        await factory.run({ ...clusterRun(ctx, action, lease), ...found });
        return;
      }
    }
  } catch (e) {
    await ctx.output.fail(action, e);
  } finally {
    lease?.release();
  }
}

function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(`${action} is disabled in an untrusted workspace: trust this workspace to talk to a Kubernetes API from it.`, 'Manage Workspace Trust')
    .then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

function requireServer(client: LanguageClient, action: string): boolean {
  if (client.state === State.Running) return true;
  void vscode.window.showWarningMessage(`${action}: the Pod Manifests language server is not running; see the "Pod Manifests" output.`);
  return false;
}

function clusterRun(ctx: CommandContext, action: string, lease: ClientLease): ClusterRun {
  return {
    ...ctx,
    action,
    lease,
    kube: lease.client,
    progress: async (task, title = action) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `${title} (${lease.client.endpoint.label})`, cancellable: true },
        (_p, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return task(controller.signal);
        },
      ),
  };
}
