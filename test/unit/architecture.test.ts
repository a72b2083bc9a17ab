/**
 * The import rules of docs/architecture.md, checked on the real import graph of src/.
 *
 * Every .ts file under src/ is parsed with the TypeScript compiler (import declarations, `export ... from`,
 * `import()` calls, `import('x').T` types, `import x = require()`); relative specifiers are resolved to
 * project files (`./a.js` -> `src/a.ts`), bare ones are kept as package names. Each rule reports every
 * offending import as `file -> target`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/paths.js';

/** One import: `from` is a project-relative path; `to` a project-relative path or a package specifier. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type`, `export type ... from`, or `import('x').T`: erased at run time, still a dependency. */
  typeOnly: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Building the graph

interface Specifier {
  specifier: string;
  typeOnly: boolean;
}

/** Every module specifier a source file names. */
export function moduleSpecifiers(fileName: string, text: string): Specifier[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Specifier[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) found.push({ specifier: argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * A relative specifier as a project-relative path: `.js` is the ESM spelling of a `.ts` source; a folder
 * means its index. Files that are not TypeScript (`.css`, `.json`) keep their name. Unresolvable: undefined.
 */
export function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(fromFile), specifier);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return hit && toPosix(relative(root, hit));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The import graph of every .ts file under `src/`, and the relative specifiers that resolve to no file. */
export function buildImportGraph(root: string): { edges: ImportEdge[]; unresolved: string[] } {
  const edges: ImportEdge[] = [];
  const unresolved: string[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const from = toPosix(relative(root, path));
    for (const { specifier, typeOnly } of moduleSpecifiers(from, readFileSync(path, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const to = resolveRelative(root, from, specifier);
        if (to) edges.push({ from, to, typeOnly });
        else unresolved.push(`${from} -> ${specifier}`);
      } else {
        edges.push({ from, to: specifier, typeOnly });
      }
    }
  }
  return { edges, unresolved };
}

// ---------------------------------------------------------------------------------------------------
// The rules

const isProjectPath = (to: string) => /^(src|prisma|test|schema)\//.test(to) || /^[^/@]+\.ts$/.test(to);
const under = (path: string, folder: string) => path.startsWith(`${folder}/`);

/** The part of src/ a file belongs to (docs/architecture.md). */
export function partOf(path: string): string {
  if (path === 'src/main.ts') return 'main';
  if (path === 'src/stack.ts') return 'stack';
  if (path === 'src/config.ts') return 'config';
  if (under(path, 'src/playground/web')) return 'playground/web';
  const subgraph = /^src\/subgraphs\/([^/]+)\//.exec(path);
  if (subgraph) return `subgraph:${subgraph[1]}`;
  if (under(path, 'src/subgraphs')) return 'subgraphs'; // the shared kit: subgraph.ts (and the list of subgraphs)
  const top = /^src\/([^/]+)\//.exec(path);
  if (top) return top[1];
  if (under(path, 'prisma/seed')) return 'seed';
  return isProjectPath(path) ? 'outside' : 'package';
}

/** Entry (4) -> gateway, subgraphs and the other application parts (3) -> data (2) -> platform, config (1) -> domain (0). */
const levels: Record<string, number> = {
  main: 4,
  cli: 4,
  stack: 4,
  gateway: 3,
  subgraphs: 3,
  exchange: 3,
  playground: 3,
  'playground/web': 3,
  client: 3,
  data: 2,
  platform: 1,
  config: 1,
  domain: 0,
};
const levelOf = (part: string) => (part.startsWith('subgraph:') ? levels.subgraphs : levels[part]);

/** Prisma: its packages, and the clients it generates into src/data/generated/ (the project's prisma/ folder is not a package). */
export const isPrisma = (to: string) => to === 'prisma' || to.startsWith('@prisma/') || under(to, 'src/data/generated');

export interface Rule {
  name: string;
  /** True when the import breaks the rule. */
  breaks(edge: ImportEdge): boolean;
}

export const rules: Rule[] = [
  {
    name: 'domain/ imports nothing of the project',
    breaks: ({ from, to }) => partOf(from) === 'domain' && isProjectPath(to) && partOf(to) !== 'domain',
  },
  {
    name: 'gateway/ never imports data/ or subgraphs/<name>/ (it defines the ports it needs)',
    breaks: ({ from, to }) => partOf(from) === 'gateway' && (partOf(to) === 'data' || partOf(to).startsWith('subgraph:')),
  },
  {
    name: 'a subgraph never imports another subgraph, nor the gateway',
    breaks: ({ from, to }) => {
      const source = partOf(from);
      const target = partOf(to);
      return source.startsWith('subgraph:') && ((target.startsWith('subgraph:') && target !== source) || target === 'gateway');
    },
  },
  {
    name: 'data/ is the only importer of Prisma',
    breaks: ({ from, to }) => partOf(from) !== 'data' && isPrisma(to),
  },
  {
    name: 'nothing under src/ but main.ts and cli/ imports prisma/seed',
    breaks: ({ from, to }) => partOf(to) === 'seed' && !['main', 'cli'].includes(partOf(from)),
  },
  {
    name: 'playground browser code imports domain/ only (and the generated typed client documents)',
    breaks: ({ from, to }) =>
      partOf(from) === 'playground/web' &&
      (to.startsWith('node:') || (isProjectPath(to) && !['playground/web', 'domain'].includes(partOf(to)) && !under(to, 'src/client/generated'))),
  },
  {
    name: 'each part imports only the parts below it (entry -> gateway / subgraphs -> data -> platform, config -> domain)',
    breaks: ({ from, to, typeOnly }) => {
      const source = levelOf(partOf(from));
      const target = levelOf(partOf(to));
      if (source === undefined || target === undefined || target <= source) return false;
      // An adapter may name the port it implements: data/ -> gateway/ with `import type` only.
      if (typeOnly && partOf(from) === 'data' && partOf(to) === 'gateway') return false;
      // The configuration derives the roles and the <NAME>_URL variables from the one list of subgraphs.
      return !(from === 'src/config.ts' && to === 'src/subgraphs/index.ts');
    },
  },
];

/** Every import that breaks a rule, as `file -> target`, by rule. */
export function checkImportRules(edges: ImportEdge[]): Map<string, string[]> {
  const broken = new Map<string, string[]>(rules.map((r) => [r.name, []]));
  for (const edge of edges) {
    for (const rule of rules) if (rule.breaks(edge)) broken.get(rule.name)!.push(`${edge.from} -> ${edge.to}${edge.typeOnly ? ' (type)' : ''}`);
  }
  return broken;
}

// ---------------------------------------------------------------------------------------------------

describe('import rules of src/ (docs/architecture.md)', () => {
  const graph = buildImportGraph(projectRoot);
  const broken = checkImportRules(graph.edges);

  it('the graph covers src/: every relative import resolves to a file, and the entry reaches the assembly', () => {
    expect(graph.unresolved).toEqual([]);
    expect(graph.edges.length).toBeGreaterThan(100);
    expect(graph.edges).toContainEqual({ from: 'src/main.ts', to: 'src/stack.ts', typeOnly: false });
    const parts = new Set(graph.edges.map((e) => partOf(e.from)));
    for (const part of [
      'main',
      'cli',
      'stack',
      'gateway',
      'subgraph:registry',
      'subgraph:operators',
      'subgraph:shipments',
      'subgraph:audit',
      'data',
      'platform',
      'domain',
    ])
      expect(parts).toContain(part);
  });

  for (const rule of rules) {
    it(rule.name, () => {
      expect(broken.get(rule.name), `imports breaking "${rule.name}" (file -> target)`).toEqual([]);
    });
  }
});

describe('the rule checker', () => {
  it('reads import declarations, side-effect imports, export-from, dynamic imports and import types', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "import { type C } from './c.js';",
      "import './d.css';",
      "export { e } from './e.js';",
      "export type { F } from './f.js';",
      "export * from '@prisma/client';",
      "const g = await import('./g.js');",
      "let h: import('./h.js').H;",
      "import i = require('./i.js');",
      "const notAnImport = './j.js';",
    ].join('\n');
    expect(moduleSpecifiers('x.ts', text)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: './b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: true },
      { specifier: './d.css', typeOnly: false },
      { specifier: './e.js', typeOnly: false },
      { specifier: './f.js', typeOnly: true },
      { specifier: '@prisma/client', typeOnly: false },
      { specifier: './g.js', typeOnly: false },
      { specifier: './h.js', typeOnly: true },
      { specifier: './i.js', typeOnly: false },
    ]);
  });

  it('resolves ESM .js specifiers to the .ts sources and folders to their index', () => {
    expect(resolveRelative(projectRoot, 'src/main.ts', './stack.js')).toBe('src/stack.ts');
    expect(resolveRelative(projectRoot, 'src/gateway/server.ts', '../platform/logger.js')).toBe('src/platform/logger.ts');
    expect(resolveRelative(projectRoot, 'src/stack.ts', './gateway/identity')).toBe('src/gateway/identity/index.ts');
    expect(resolveRelative(projectRoot, 'src/main.ts', './no-such-file.js')).toBeUndefined();
  });

  it('catches a breach of every rule in a synthetic graph, naming file -> target', () => {
    const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
    const breaches: [string, ImportEdge][] = [
      ['domain/ imports nothing of the project', edge('src/domain/recognition.ts', 'src/platform/scalars.ts')],
      ['gateway/ never imports data/ or subgraphs/<name>/ (it defines the ports it needs)', edge('src/gateway/audit.ts', 'src/data/audit-repository.ts', true)],
      ['gateway/ never imports data/ or subgraphs/<name>/ (it defines the ports it needs)', edge('src/gateway/server.ts', 'src/subgraphs/registry/server.ts')],
      ['a subgraph never imports another subgraph, nor the gateway', edge('src/subgraphs/shipments/resolvers.ts', 'src/subgraphs/operators/loaders.ts')],
      ['a subgraph never imports another subgraph, nor the gateway', edge('src/subgraphs/audit/server.ts', 'src/gateway/context.ts')],
      ['data/ is the only importer of Prisma', edge('src/subgraphs/operators/mappers.ts', 'src/data/generated/sqlite/models.ts', true)],
      ['data/ is the only importer of Prisma', edge('src/gateway/server.ts', '@prisma/client')],
      ['nothing under src/ but main.ts and cli/ imports prisma/seed', edge('src/stack.ts', 'prisma/seed/seed.ts')],
      [
        'playground browser code imports domain/ only (and the generated typed client documents)',
        edge('src/playground/web/explorer.ts', 'src/platform/scalars.ts'),
      ],
      ['playground browser code imports domain/ only (and the generated typed client documents)', edge('src/playground/web/common.ts', 'node:fs')],
      [
        'each part imports only the parts below it (entry -> gateway / subgraphs -> data -> platform, config -> domain)',
        edge('src/platform/logger.ts', 'src/stack.ts'),
      ],
      [
        'each part imports only the parts below it (entry -> gateway / subgraphs -> data -> platform, config -> domain)',
        edge('src/data/registry-repository.ts', 'src/subgraphs/registry/loaders.ts', true),
      ],
    ];
    for (const [ruleName, breach] of breaches) {
      const found = checkImportRules([breach]).get(ruleName);
      expect(found, `${breach.from} -> ${breach.to} should break "${ruleName}"`).toContain(`${breach.from} -> ${breach.to}${breach.typeOnly ? ' (type)' : ''}`);
    }
    // Every rule is exercised above.
    expect(new Set(breaches.map(([name]) => name))).toEqual(new Set(rules.map((r) => r.name)));
  });

  it('lets the imports the layout allows through', () => {
    const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
    const allowed = [
      edge('src/main.ts', 'prisma/seed/seed.ts'),
      edge('src/cli/seed-bulk.ts', 'prisma/seed/bulk.ts'),
      edge('src/main.ts', 'src/stack.ts'),
      edge('src/stack.ts', 'src/subgraphs/registry/server.ts'),
      edge('src/stack.ts', 'src/data/audit-repository.ts'),
      edge('src/gateway/server.ts', 'src/subgraphs/subgraph.ts'),
      edge('src/gateway/server.ts', 'src/platform/logger.ts'),
      edge('src/subgraphs/operators/resolvers.ts', 'src/subgraphs/operators/loaders.ts'),
      edge('src/subgraphs/operators/resolvers.ts', 'src/subgraphs/subgraph.ts'),
      edge('src/subgraphs/operators/loaders.ts', 'src/data/operators-repository.ts'),
      edge('src/subgraphs/operators/resolvers.ts', 'src/domain/recognition.ts'),
      edge('src/data/client.ts', '@prisma/adapter-pg'),
      edge('src/data/client.ts', 'src/data/generated/sqlite/client.ts'),
      edge('src/data/audit-repository.ts', 'src/gateway/audit.ts', true),
      edge('src/config.ts', 'src/subgraphs/index.ts'),
      edge('src/gateway/compose.ts', 'src/subgraphs/index.ts'),
      edge('src/platform/scalars.ts', 'src/domain/recognition.ts'),
      edge('src/domain/recognition.ts', 'src/domain/dates.ts'),
      edge('src/playground/web/explorer.ts', 'src/domain/recognition.ts'),
      edge('src/playground/web/explorer.ts', 'src/client/generated/graphql.ts', true),
      edge('src/playground/web/explorer.ts', 'react'),
    ];
    const found = [...checkImportRules(allowed).values()].flat();
    expect(found).toEqual([]);
  });
});
