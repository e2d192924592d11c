#!/usr/bin/env node
// The `heartland` command. Sources are TypeScript, run by Node's own type stripping (Node 22.18+;
// the project brings Node 26 as a dependency, so `npm run heartland` and `npx heartland` use it).
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `heartland needs Node.js 22.18 or later (this is ${process.version}). Run it through npm ` +
      '(npm start, npm run heartland -- …, npx heartland …), which uses the Node.js 26 that `npm ci` installs.',
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
