/**
 * Every command package.json contributes, with how messages name it and what it needs before it
 * runs (factory.ts checks that, in one place).
 */
import type { CommandFactory } from './factory';
import { logs, logsWithOptions, stopLogs } from './logCommands';
import { apply, dryRun } from './applyCommands';
import { showEvents, stopWatching, watchStatus } from './statusCommands';
import { clearToken, loadClusterNames, setToken, switchContext, switchNamespace } from './sessionCommands';

export { type CommandContext, registerCommands } from './factory';

export const COMMANDS: Record<string, CommandFactory> = {
  'podManifests.apply': { action: 'Apply', needs: 'manifests', run: apply },
  'podManifests.dryRun': { action: 'Dry run', needs: 'manifests', run: dryRun },
  'podManifests.logs': { action: 'Logs', needs: 'manifests', run: (run) => logs(run) },
  'podManifests.logsWithOptions': { action: 'Logs', needs: 'manifests', run: logsWithOptions },
  'podManifests.stopLogs': { action: 'Stop logs', run: stopLogs },
  'podManifests.watchStatus': { action: 'Watch live status', needs: 'manifests', run: watchStatus },
  'podManifests.stopWatching': { action: 'Stop watching', run: stopWatching },
  'podManifests.showEvents': { action: 'Events and conditions', needs: 'manifests', run: showEvents },
  'podManifests.setApiToken': { action: 'Set API token', needs: 'trust', run: setToken },
  'podManifests.clearApiToken': { action: 'Clear API token', run: clearToken },
  'podManifests.switchContext': { action: 'Switch context', needs: 'trust', run: switchContext },
  'podManifests.switchNamespace': { action: 'Switch namespace', needs: 'cluster', run: switchNamespace },
  'podManifests.loadClusterNames': { action: 'Load names from the cluster', needs: 'cluster', run: loadClusterNames },
};
