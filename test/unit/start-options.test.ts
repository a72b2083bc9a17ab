/**
 * `npm start` runs the embedded process with V8 heap options (docs/performance.md, "Embedded mode: memory and
 * admission"); the benchmark reads the same options from package.json (test/bench/start-options.ts). Checked here:
 * the script has the form the benchmark reads, node applies the options, and an operator's NODE_OPTIONS wins.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/paths.js';
import { parseStartScript, startOptions } from '../bench/start-options.js';

const script = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;

/** What node reports about its heap and threads when started by the start script (dist/src/main.js replaced by a probe). */
function probe(nodeOptions?: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const report = `const v8 = require('v8'); console.log(JSON.stringify({
    heapLimitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
    nodeOptions: process.env.NODE_OPTIONS,
    execArgv: process.execArgv,
    malloc: [process.env.MALLOC_ARENA_MAX, process.env.MALLOC_TRIM_THRESHOLD_],
  }))`;
  const command = script.replace('dist/src/main.js', `-e "${report.replace(/\s+/g, ' ')}"`);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...extraEnv };
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  const result = spawnSync('sh', ['-c', command], { env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { heapLimitMb: number; nodeOptions: string; execArgv: string[]; malloc: string[] };
}

describe('npm start: the embedded process V8 options', () => {
  it('are read from package.json by the benchmark: heap sizes and pool in NODE_OPTIONS, the growth policy on the command line', () => {
    expect(startOptions()).toEqual({
      env: { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' },
      nodeOptions: ['--max-semi-space-size=4', '--max-old-space-size=1024', '--v8-pool-size=1'],
      execArgv: ['--heap-growing-percent=20'],
    });
    expect(() => parseStartScript('tsx src/main.ts')).toThrow(/not of the form/);
  });

  it('node runs with them: an old generation of 1 GB, not the default of a quarter of the memory', () => {
    const { heapLimitMb, execArgv } = probe();
    // heap_size_limit = old generation + young generation (3 x the semi-space)
    expect(heapLimitMb).toBeGreaterThanOrEqual(1024);
    expect(heapLimitMb).toBeLessThan(1024 + 3 * 4 + 1);
    expect(execArgv).toEqual(['--heap-growing-percent=20', '-e', expect.any(String)]);
  });

  it("glibc's allocator: two arenas and a 128 KB trim threshold, unless the operator set them", () => {
    expect(probe().malloc).toEqual(['2', '131072']);
    expect(probe(undefined, { MALLOC_ARENA_MAX: '4' }).malloc).toEqual(['4', '131072']);
  });

  it("an operator's NODE_OPTIONS comes after the defaults, so its values win", () => {
    const { heapLimitMb, nodeOptions } = probe('--max-old-space-size=2048');
    expect(nodeOptions).toBe('--max-semi-space-size=4 --max-old-space-size=1024 --v8-pool-size=1 --max-old-space-size=2048');
    expect(heapLimitMb).toBeGreaterThanOrEqual(2048);
  });
});
