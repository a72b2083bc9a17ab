/**
 * The Node.js options and environment `npm start` runs the process with, read from package.json's `start` script
 * (the one place they are written), so that the benchmark starts the embedded contender exactly as `npm start` does:
 *
 *   NAME="${NAME:-default}" ... NODE_OPTIONS="<defaults> $NODE_OPTIONS" exec node <command-line options> dist/src/main.js
 *
 * (dist/src/main.js is src/main.ts compiled by `npm run build`, which `npm start` runs first: src/cli/build.ts.)
 *
 * Environment defaults (glibc's allocator settings) apply unless the operator set the variable. The defaults go
 * first in NODE_OPTIONS, so that an operator's NODE_OPTIONS, after them, wins (Node takes the last value of an
 * option); the command-line options are the V8 options NODE_OPTIONS does not accept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

export interface StartOptions {
  /** Environment variables set to these values unless already set. */
  env: Record<string, string>;
  /** Put in NODE_OPTIONS before the caller's own. */
  nodeOptions: string[];
  /** On node's command line, before the script. */
  execArgv: string[];
}

const DEFAULTED = /([A-Z_]+)="\$\{\1:-([^}"]*)\}" /g;
const START = /^((?:[A-Z_]+="\$\{[A-Z_]+:-[^}"]*\}" )*)NODE_OPTIONS="([^"$]*)\$NODE_OPTIONS" exec node ((?:--[\w-]+(?:=\S+)? )*)dist\/src\/main\.js$/;

export function parseStartScript(script: string): StartOptions {
  const match = START.exec(script);
  if (!match) throw new Error(`package.json's start script is not of the form the benchmark reads (${START.source}): ${script}`);
  const words = (s: string) => s.split(' ').filter(Boolean);
  const env = Object.fromEntries([...match[1].matchAll(DEFAULTED)].map((m) => [m[1], m[2]]));
  return { env, nodeOptions: words(match[2]), execArgv: words(match[3]) };
}

export function startOptions(): StartOptions {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return parseStartScript(pkg.scripts.start);
}

/** The environment and command-line options of a process started as `npm start` starts it. */
export function asNpmStart(env: NodeJS.ProcessEnv = process.env): { env: Record<string, string>; nodeOptions: string; execArgv: string[] } {
  const { env: defaults, nodeOptions, execArgv } = startOptions();
  return {
    env: Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, env[name] ?? value])),
    nodeOptions: [...nodeOptions, env.NODE_OPTIONS ?? ''].join(' ').trim(),
    execArgv,
  };
}
