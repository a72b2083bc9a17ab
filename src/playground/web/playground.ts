/**
 * The GraphQL playground served by the gateway at /playground (and at /graphql for browsers):
 * GraphiQL 5 with the docs explorer, schema-aware editing, a header editor for the bearer token, and
 * the trusted operations as tabs and as a plugin listing them, the headline question first.
 * Bundled by src/playground/build.ts; it loads nothing from anywhere but the gateway.
 */
import 'graphiql/style.css';
import './playground.css';
import { createElement as h, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { useGraphiQL, type GraphiQLPlugin } from '@graphiql/react';
import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { installMonacoWorkers } from './monaco-workers.js';
import { describeToken, loadTrustedOperations, readToken, saveToken, TOKEN_COMMAND, type TrustedOperation } from './common.js';

installMonacoWorkers();

const HEADLINE = 'ShipmentRecognition';

/** Example variables for the trusted operations (demo records that are always seeded). */
const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  // An EU AEOF exporter to New York, RECOGNIZED by US-CBP (US-Korea has no documented date of application since the
  // register's re-verification, and US-CBP may not see Korean certifications).
  ShipmentRecognition: { reference: 'DEMO-EU-US-0001' },
  ShipmentsWithRecognition: { first: 10 },
  OperatorRecognition: { id: 'OP-EU-DEMO-0003', asOf: '2024-06-21' },
};
const variablesFor = (name: string) => (EXAMPLE_VARIABLES[name] ? JSON.stringify(EXAMPLE_VARIABLES[name], null, 2) : '');

/** Whether the schema (introspection) could be loaded, as seen by the fetcher. */
type SchemaStatus = { state: 'loading' } | { state: 'loaded' } | { state: 'failed'; message: string; code?: string };
let schemaStatus: SchemaStatus = { state: 'loading' };
const statusListeners = new Set<() => void>();
const setSchemaStatus = (status: SchemaStatus) => {
  schemaStatus = status;
  statusListeners.forEach((listener) => listener());
};
const useSchemaStatus = () =>
  useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => schemaStatus,
  );

/**
 * GraphiQL's introspection query nests `ofType` seven levels deep (15 in all), past the gateway's
 * depth limit (10) that applies to every free-form operation. This one is 8 deep, costs about half
 * the cost limit, and is enough for every type in the API schema (at most [T!]!).
 */
export const INTROSPECTION_QUERY = `query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind
  name
  description
  specifiedByURL
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

const httpFetcher = createGraphiQLFetcher({ url: '/graphql', enableIncrementalDelivery: false });

/** Adds the stored token when the header editor sets no Authorization, and watches introspection. */
const fetcher: Fetcher = async (params: FetcherParams, opts?: FetcherOpts) => {
  const headers: Record<string, unknown> = { ...(opts?.headers ?? {}) };
  const token = readToken();
  if (token && !Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) headers.Authorization = `Bearer ${token}`;
  const introspection = params.operationName === 'IntrospectionQuery';
  if (introspection) setSchemaStatus({ state: 'loading' });
  try {
    const result = await httpFetcher(introspection ? { ...params, query: INTROSPECTION_QUERY } : params, { ...opts, headers });
    if (introspection) {
      const body = result as { data?: { __schema?: unknown } | null; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body?.data?.__schema) setSchemaStatus({ state: 'loaded' });
      else setSchemaStatus({ state: 'failed', message: body?.errors?.[0]?.message ?? 'no schema in the response', code: body?.errors?.[0]?.extensions?.code });
    }
    return result;
  } catch (error) {
    if (introspection) setSchemaStatus({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
};

function Code({ children }: { children: ReactNode }) {
  return h('code', { className: 'cg-code' }, children);
}

function SchemaStatusLine() {
  const status = useSchemaStatus();
  if (status.state === 'loading') return h('p', { className: 'cg-status', 'data-testid': 'schema-status', 'data-state': 'loading' }, 'Loading the schema…');
  if (status.state === 'loaded') {
    return h(
      'p',
      { className: 'cg-status cg-ok', 'data-testid': 'schema-status', 'data-state': 'loaded' },
      'Schema loaded: the docs explorer, completion and validation are on.',
    );
  }
  const hint =
    status.code === 'UNAUTHENTICATED'
      ? 'Paste a token above.'
      : status.code === 'FORBIDDEN'
        ? 'Introspection is for analyst clients only: use an analyst token (e.g. us-cbp-analyst, kr-kcs-analyst).'
        : '';
  return h(
    'p',
    { className: 'cg-status cg-error', role: 'alert', 'data-testid': 'schema-status', 'data-state': 'failed' },
    h('strong', null, 'The schema could not be loaded'),
    `: ${status.message}${status.code ? ` (${status.code})` : ''}. `,
    hint,
    ' Queries still run with whatever token the header editor sends; the docs and completion need the schema.',
  );
}

function TokenBar() {
  const token = readToken();
  const [editing, setEditing] = useState(!token);
  const [value, setValue] = useState('');
  const use = () => {
    saveToken(value);
    location.reload();
  };
  return h(
    'header',
    { className: 'cg-bar' },
    h(
      'div',
      { className: 'cg-title' },
      h('strong', null, 'customs-gateway'),
      ' GraphQL playground',
      h('a', { href: '/explorer', className: 'cg-link' }, 'Recognition explorer →'),
    ),
    h(
      'div',
      { className: 'cg-token' },
      h('span', { 'data-testid': 'token-who' }, 'Calling as: ', h('strong', null, describeToken(token))),
      editing
        ? h(
            'form',
            {
              className: 'cg-token-form',
              onSubmit: (e: Event) => {
                e.preventDefault();
                use();
              },
            },
            h('input', {
              type: 'password',
              placeholder: 'Paste a bearer token (JWT)',
              value,
              autoComplete: 'off',
              spellCheck: false,
              'aria-label': 'Bearer token',
              'data-testid': 'token-input',
              onChange: (e: { target: HTMLInputElement }) => setValue(e.target.value),
            }),
            h('button', { type: 'submit', 'data-testid': 'token-save' }, 'Use token'),
            token
              ? h(
                  'button',
                  {
                    type: 'button',
                    onClick: () => {
                      saveToken(null);
                      location.reload();
                    },
                  },
                  'Forget token',
                )
              : null,
          )
        : h('button', { type: 'button', onClick: () => setEditing(true) }, 'Change token'),
      h(
        'span',
        { className: 'cg-hint' },
        'Get one: ',
        h(Code, null, TOKEN_COMMAND),
        '. Stored in this browser only and sent as ',
        h(Code, null, 'Authorization: Bearer …'),
        ' unless the Headers editor sets one.',
      ),
    ),
    h(SchemaStatusLine),
  );
}

function operationsPlugin(operations: TrustedOperation[]): GraphiQLPlugin {
  function Content() {
    const queryEditor = useGraphiQL((s) => s.queryEditor);
    const variableEditor = useGraphiQL((s) => s.variableEditor);
    return h(
      'div',
      { className: 'cg-ops' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Trusted operations'),
      h(
        'p',
        null,
        'The reviewed operations of ',
        h(Code, null, 'schema/operations'),
        '. Persisted-only clients send them by ',
        h(Code, null, 'documentId'),
        ' (shown), analysts may also edit and run them here.',
      ),
      h(
        'ul',
        null,
        ...operations.map((op) =>
          h(
            'li',
            { key: op.id },
            h(
              'button',
              {
                type: 'button',
                className: 'cg-op',
                'data-testid': `operation-${op.name}`,
                onClick: () => {
                  queryEditor?.setValue(op.body);
                  variableEditor?.setValue(variablesFor(op.name));
                },
              },
              op.name,
            ),
            h('div', { className: 'cg-op-id', title: 'documentId' }, `sha256:${op.id.slice(0, 16)}…`),
          ),
        ),
      ),
    );
  }
  return {
    title: 'Trusted operations',
    icon: () =>
      h(
        'svg',
        { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': true },
        h('path', { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, d: 'M5 4h11l3 3v13H5z M8 10h8 M8 14h8 M8 18h5' }),
      ),
    content: Content,
  };
}

/**
 * GraphiQL 5 opens the first of `defaultTabs` without its variables, and a stored tab without its
 * variables after a reload: pass the active tab's query and variables explicitly (they match the
 * stored tab, so GraphiQL selects it rather than adding one).
 */
function initialEditors(headline: TrustedOperation | undefined): { initialQuery?: string; initialVariables?: string } {
  try {
    const stored = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null') as {
      activeTabIndex: number;
      tabs: { query: string | null; variables: string | null; headers: string | null }[];
    } | null;
    if (stored?.tabs?.length) {
      const tab = stored.tabs[Math.min(Math.max(stored.activeTabIndex, 0), stored.tabs.length - 1)];
      return tab.headers ? {} : { initialQuery: tab.query ?? '', initialVariables: tab.variables ?? '' };
    }
  } catch {
    // no usable stored state: start from the trusted operations
  }
  return headline ? { initialQuery: headline.body, initialVariables: variablesFor(headline.name) } : {};
}

function App({ operations }: { operations: TrustedOperation[] }) {
  const headline = operations.find((o) => o.name === HEADLINE);
  // The stored token is added by the fetcher; the Headers editor starts empty and overrides it when it sets Authorization.
  return h(
    'div',
    { className: 'cg-page' },
    h(TokenBar),
    h(
      'div',
      { className: 'cg-graphiql' },
      h(
        GraphiQL,
        {
          fetcher,
          defaultQuery: headline?.body,
          defaultTabs: operations.map((op) => ({ query: op.body, variables: variablesFor(op.name) })),
          ...initialEditors(headline),
          defaultEditorToolsVisibility: 'variables',
          plugins: [operationsPlugin(operations)],
          shouldPersistHeaders: false,
          forcedTheme: 'light',
        },
        h(GraphiQL.Logo, null, h('a', { href: '/explorer', className: 'cg-logo' }, 'customs-gateway')),
      ),
    ),
  );
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  let operations: TrustedOperation[] = [];
  try {
    operations = await loadTrustedOperations();
  } catch (error) {
    console.error(error);
  }
  operations.sort((a, b) => (a.name === HEADLINE ? -1 : b.name === HEADLINE ? 1 : a.name.localeCompare(b.name)));
  root.render(h(App, { operations }));
}

void main();
