/** Starts the real stack on port 0 over a private copy of the seeded template database (SQLite or TEST_DATABASE=postgresql). */
import { loadConfig, parseDatabaseUrl, type Config } from '../../src/config.js';
import { startStack, type Stack, type StackOptions } from '../../src/stack.js';
import { seeder } from '../../prisma/seed/seed.js';
import { createLogger } from '../../src/platform/logger.js';
import { testSeed, devIssuerKeyFile } from './paths.js';
import { createTestDatabase } from './test-database.js';
import { loadClientRegistry } from '../../src/gateway/identity/clients.js';
import { mintDevToken } from '../../src/gateway/identity/issuers.js';

/** GraphQL response data as tests read it: untyped JSON whose shape each test asserts at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place tests spell `any`
export type Json = any;

export interface GraphQLResult<T = Record<string, Json>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export interface PostOptions {
  /** The registered client to call as (a token from the dev issuer); null sends no Authorization header. */
  as?: string | null;
  headers?: Record<string, string>;
}

export interface TestStack extends Stack {
  sql: string[];
  config: Config;
  /** A bearer token for a registered client. */
  token(clientId: string, expiresIn?: string): Promise<string>;
  post<T = Record<string, Json>>(query: string, variables?: Record<string, unknown>, options?: PostOptions): Promise<GraphQLResult<T>>;
  /** POSTs a raw JSON body (trusted documents, APQ). */
  postBody<T = Record<string, Json>>(body: unknown, options?: PostOptions): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT = 'us-cbp-analyst';

export async function startTestStack(overrides: Partial<Config> = {}, options: Pick<StackOptions, 'now'> = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const sql: string[] = [];
  const base = loadConfig({ DEV_ISSUER_KEY_FILE: devIssuerKeyFile, SHUTDOWN_GRACE_MS: '0' });
  const config: Config = { ...base, port: 0, database: parseDatabaseUrl(database.url), seed: testSeed, ...overrides };
  const stack = await startStack(config, {
    seeder,
    now: options.now,
    onQuery: (q) => sql.push(q),
    logger: createLogger((process.env.TEST_LOG_LEVEL as 'warn') ?? 'error'),
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const stopStack = stack.stop.bind(stack);
  const clients = loadClientRegistry(config.identity.clientRegistryFile);
  const tokens = new Map<string, string>();
  const token = async (clientId: string, expiresIn?: string) => {
    const key = `${clientId}/${expiresIn ?? ''}`;
    if (!tokens.has(key)) {
      const client = clients.get(clientId);
      if (!client) throw new Error(`no client ${clientId} in the registry`);
      tokens.set(
        key,
        await mintDevToken(config.identity.devIssuerKeyFile, {
          clientId,
          administration: client.administration,
          scopes: client.scopes,
          audience: config.identity.audience,
          expiresIn,
        }),
      );
    }
    return tokens.get(key)!;
  };
  const postBody = async <T>(body: unknown, options: PostOptions = {}) => {
    const as = options.as === undefined ? DEFAULT_CLIENT : options.as;
    const res = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${await token(as)}` } : {}), ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: GraphQLResult<T>['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { errors: [{ message: text, extensions: { code: `HTTP_${res.status}` } }] };
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return Object.assign(stack, {
    sql,
    config,
    token,
    postBody,
    post: <T>(query: string, variables?: Record<string, unknown>, options?: PostOptions) => postBody<T>({ query, variables }, options),
    stop: async () => {
      await stopStack();
      await database.drop();
    },
  });
}

/** Fails with the errors' text when a response has any. */
export function expectNoErrors<T>(result: GraphQLResult<T>): T {
  if (result.body.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.body.errors)}`);
  if (!result.body.data) throw new Error(`no data (HTTP ${result.status})`);
  return result.body.data;
}

export function errorCodes(result: GraphQLResult): string[] {
  return (result.body.errors ?? []).map((e) => String(e.extensions?.code));
}
