// The extension-host test suite's entry point (extensionTestsPath): VS Code requires this file
// in the extension host and awaits run(). Mocha (BDD), every *.test.js next to this file.
// The same compiled suite runs in code-server (smoke-test driver) and in a desktop VS Code
// (@vscode/test-electron), see test/vscode/run.ts.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.POD_MANIFESTS_SUITE_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
