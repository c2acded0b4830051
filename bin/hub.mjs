#!/usr/bin/env node
// `npx hub ...` in a clone of the hub: the CLI is TypeScript (scripts/hub.ts), run through tsx, a
// dependency of the hub, registered here for this process only. No build step is needed, and
// `npm run -s hub -- ...` runs the very same code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/hub.ts');
process.exitCode = await main(process.argv.slice(2));
