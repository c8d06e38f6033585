/// <reference types="mocha" />
// The podManifests settings as VS Code hands them over (the same object the language server
// gets), read by the protocol's one reader: package.json's defaults are DEFAULT_SETTINGS, and a
// value set in the workspace arrives nested, where readSettings looks for it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION } from '../../../protocol/settings';

const current = () => readSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION));

describe('podManifests settings', () => {
  it('package.json declares the defaults the protocol has', () => {
    assert.deepEqual(current(), DEFAULT_SETTINGS);
  });

  it('a workspace value reaches readSettings', async () => {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update('logs.tailLines', 50, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(current().logs.tailLines, 50);
    } finally {
      await config.update('logs.tailLines', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
