/**
 * The `podManifests.*` settings as the extension reads them: the very object VS Code hands the
 * language server, read by the same function (protocol/settings.ts), so both halves agree on
 * every default and on what a mistyped value means.
 */
import * as vscode from 'vscode';
import { readSettings, SETTINGS_SECTION, type Settings } from '../../protocol/settings';

export function currentSettings(): Settings {
  return readSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION));
}
