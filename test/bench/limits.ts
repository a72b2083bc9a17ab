/**
 * npm run bench:limits [-- --runs 50] [-- --tokens 1000]
 *
 * Times the gateway's limits check (src/gateway/limits.ts: checkOperation) on the worst documents an
 * attacker can send within the token limit: fragment chains that double (or triple) at every level,
 * deep nesting plain and through fragments, wide aliases, directives everywhere, connections under
 * fragment chains, and random mixtures. Each document is parsed as the gateway parses it (maxTokens),
 * then checked `runs` times against the API schema; the slowest run counts. Prints the worst
 * documents per family and records them in test/bench/results/limits.json. No assertion: the tests
 * (test/unit/limits.test.ts) assert linearity on the work counter, not on time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSchema, Kind, Lexer, parse, Source, TokenKind, type OperationDefinitionNode } from 'graphql';
import fc from 'fast-check';
import { projectRoot } from '../../src/platform/paths.js';
import { checkOperation } from '../../src/gateway/limits.js';
import { loadConfig } from '../../src/config.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const runs = option('runs', 50);
const limits = loadConfig({ ...process.env, DEV_ISSUER: 'on' }).limits;
const maxTokens = option('tokens', limits.tokens);

const schema = buildSchema(readFileSync(join(projectRoot, 'schema', 'api.graphql'), 'utf8'));

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

const chain = (n: number, times: number, type: string, leaf: string, prefix = 'F') =>
  Array.from({ length: n }, (_, i) =>
    i === n - 1
      ? `fragment ${prefix}${i} on ${type} { ${leaf} }`
      : `fragment ${prefix}${i} on ${type} { ${Array.from({ length: times }, () => `...${prefix}${i + 1}`).join(' ')} }`,
  ).join(' ');

/** The largest parameter whose document fits in the token limit. */
function largest(build: (n: number) => string, from = 1): { n: number; text: string } {
  let n = from;
  while (countTokens(build(n + 1)) <= maxTokens) n++;
  return { n, text: build(n) };
}

interface Family {
  name: string;
  documents: { label: string; text: string }[];
}

const families: Family[] = [];
for (const times of [2, 3]) {
  const atRoot = largest((n) => `{ ...F0 } ${chain(n, times, 'Query', '__typename')}`);
  const inField = largest((n) => `{ agreements { ...F0 } } ${chain(n, times, 'Agreement', 'id title')}`);
  families.push({
    name: `fragments x${times}`,
    documents: [
      { label: `${atRoot.n} fragments at the root`, text: atRoot.text },
      { label: `${inField.n} fragments under agreements`, text: inField.text },
    ],
  });
}
const deep = largest((n) => `{ agreements { ${'recognitions { recognizedProgram { '.repeat(n)}code${' } }'.repeat(n)} } }`);
const deepFragments = largest(
  (n) =>
    `{ agreements { ...L0 } } ${Array.from({ length: n }, (_, i) => `fragment L${i} on Agreement { id recognitions { agreement { ${i + 1 < n ? `...L${i + 1}` : 'id'} } } }`).join(' ')}`,
);
families.push({
  name: 'deep nesting',
  documents: [
    { label: `${deep.n * 2} levels`, text: deep.text },
    { label: `${deepFragments.n} fragment levels`, text: deepFragments.text },
  ],
});
const aliases = largest((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`);
const aliasSpreads = largest(
  (n) =>
    `{ agreements { ${Array.from({ length: n }, () => '...W').join(' ')} } } fragment W on Agreement { ${Array.from({ length: 20 }, (_, i) => `w${i}: id`).join(' ')} }`,
);
families.push({
  name: 'wide aliases',
  documents: [
    { label: `${aliases.n} aliases of __typename`, text: aliases.text },
    { label: `${aliasSpreads.n} spreads of 20 aliases`, text: aliasSpreads.text },
  ],
});
const directives = largest((n) => `{ agreements { ${Array.from({ length: n }, (_, i) => `d${i}: id @include(if: true) @skip(if: false)`).join(' ')} } }`);
families.push({ name: 'directives', documents: [{ label: `${directives.n} fields with two directives`, text: directives.text }] });
const connection = largest((n) => `{ shipments(first: 100) { edges { node { ...F0 } } } } ${chain(n, 2, 'Shipment', 'reference goods { hsCode }')}`);
families.push({
  name: 'connections under fragment chains',
  documents: [{ label: `${connection.n} fragments under shipments(first: 100)`, text: connection.text }],
});

// Random mixtures (fixed seed, reproducible): chains of mixed fan-out, some aliased, some with directives.
const mixture = fc
  .array(fc.record({ times: fc.integer({ min: 1, max: 4 }), alias: fc.boolean(), directive: fc.boolean() }), { minLength: 2, maxLength: 60 })
  .map((levels) => {
    const body = levels
      .map((l, i) =>
        i === levels.length - 1
          ? `fragment M${i} on Agreement { id }`
          : `fragment M${i} on Agreement { ${l.alias ? `x${i}: ` : ''}id${l.directive ? ' @include(if: true)' : ''} ${Array.from({ length: l.times }, () => `...M${i + 1}`).join(' ')} }`,
      )
      .join(' ');
    return `{ agreements { ...M0 } } ${body}`;
  });
families.push({
  name: 'random mixtures',
  documents: fc
    .sample(mixture, { numRuns: 200, seed: 20261130 })
    .filter((text) => countTokens(text) <= maxTokens)
    .map((text, i) => ({ label: `mixture #${i}`, text })),
});

interface Measured {
  family: string;
  label: string;
  tokens: number;
  bytes: number;
  visited: number;
  exceeded: string | null;
  worstMs: number;
  medianMs: number;
}

const results: Measured[] = [];
for (const family of families) {
  for (const { label, text } of family.documents) {
    const document = parse(text, { maxTokens });
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const times: number[] = [];
    let check = checkOperation(schema, document, operation, {}, limits);
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      check = checkOperation(schema, document, operation, {}, limits);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    results.push({
      family: family.name,
      label,
      tokens: countTokens(text),
      bytes: Buffer.byteLength(text),
      visited: check.visited,
      exceeded: check.exceeded?.limit ?? null,
      worstMs: times.at(-1)!,
      medianMs: times[Math.floor(times.length / 2)],
    });
  }
}

const worstPerFamily = families.map((f) => results.filter((r) => r.family === f.name).sort((a, b) => b.worstMs - a.worstMs)[0]).filter(Boolean);
const fmt = (ms: number) => ms.toFixed(3).padStart(8);
console.log(`Limits check, worst of ${runs} runs per document, token limit ${maxTokens}:`);
console.log(`${'family'.padEnd(36)} ${'document'.padEnd(42)} tokens visited  median ms  worst ms  refused by`);
for (const r of worstPerFamily) {
  console.log(
    `${r.family.padEnd(36)} ${r.label.padEnd(42)} ${String(r.tokens).padStart(6)} ${String(r.visited).padStart(7)} ${fmt(r.medianMs)}  ${fmt(r.worstMs)}  ${r.exceeded ?? '-'}`,
  );
}
const worst = results.reduce((a, b) => (b.worstMs > a.worstMs ? b : a));
const ratio = Math.max(...results.map((r) => r.visited / r.tokens));
const slowestMedian = results.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
console.log(`\nWorst validation time: ${worst.worstMs.toFixed(3)} ms (${worst.family}: ${worst.label}); at most ${ratio.toFixed(2)} nodes visited per token.`);
console.log(
  `Slowest median: ${slowestMedian.medianMs.toFixed(3)} ms (${slowestMedian.family}: ${slowestMedian.label}); a worst far above its median is the machine (GC, other processes), not the document.`,
);

const dir = join(projectRoot, 'test', 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'limits.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      runs,
      maxTokens,
      worst,
      slowestMedian,
      maxVisitedPerToken: ratio,
      worstPerFamily,
      documents: results.length,
    },
    null,
    2,
  ) + '\n',
);
console.log(`Recorded in ${join('test', 'bench', 'results', 'limits.json')}`);
