#!/usr/bin/env node
// The `taavon` command: registers tsx, then runs the TypeScript CLI, from any working directory.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
