#!/usr/bin/env node
// The `taavon` command: runs the TypeScript CLI through tsx, from any working directory.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('tsx/esm', pathToFileURL('./'));
await import(new URL('../src/cli/main.ts', import.meta.url).href);
