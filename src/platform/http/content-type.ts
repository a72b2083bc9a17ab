/**
 * The response's content type, negotiated once per distinct Accept header rather than once per request.
 *
 * For every single-result response without a content type, Apollo Server's HTTP layer (runHttpQuery) parses the
 * request's Accept header with `negotiator` (chooseContentTypeForSingleResultResponse): about 3 % of a subgraph
 * service's CPU per request in the benchmark's profiles (`BENCH_CPU_PROF=registry,operators,shipments`), for a header
 * that is the same on every call the gateway makes. This plugin sets the content type in `willSendResponse` with
 * Apollo's own function, remembered per Accept value, so that Apollo, finding it set, negotiates nothing. A header
 * Apollo would refuse (no JSON type accepted: 406) is left to Apollo, which refuses it as before. Incremental
 * (multipart) answers are left to Apollo too. If a later Apollo Server no longer has that function where this looks,
 * the plugin does nothing and Apollo negotiates every request itself.
 */
import { createRequire } from 'node:module';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';

type Choose = (head: { headers: HeaderMap }) => string | null;

/** Apollo Server's own choice of a single result's content type (ApolloServer.js), or undefined if it is not there. */
function apolloChoice(): Choose | undefined {
  try {
    const apolloRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/server'));
    const choose = (apolloRequire('./ApolloServer.js') as { chooseContentTypeForSingleResultResponse?: unknown }).chooseContentTypeForSingleResultResponse;
    return typeof choose === 'function' ? (choose as Choose) : undefined;
  } catch {
    return undefined;
  }
}

/** Distinct Accept values remembered (a client can send any: the memory is emptied when full). */
export const MAX_ACCEPT_VALUES = 256;

/** The content type Apollo chooses for `accept` (undefined: no Accept header), remembered; null when it would refuse (406). */
export function contentTypeChooser(choose: Choose | undefined = apolloChoice()): ((accept: string | undefined) => string | null) | undefined {
  if (!choose) return undefined;
  const chosen = new Map<string, string | null>();
  return (accept) => {
    const key = accept ?? '';
    let type = chosen.get(key);
    if (type === undefined) {
      type = choose({ headers: new HeaderMap(accept === undefined ? [] : [['accept', accept]]) });
      if (chosen.size >= MAX_ACCEPT_VALUES) chosen.clear();
      chosen.set(key, type);
    }
    return type;
  };
}

export function contentTypePlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  const chooser = contentTypeChooser();
  if (!chooser) return {};
  return {
    async requestDidStart({ request }) {
      const http = request.http;
      if (!http) return; // in-process (executeOperation): no HTTP response
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.headers.get('content-type')) return;
          const type = chooser(http.headers.get('accept'));
          if (type) response.http.headers.set('content-type', type);
        },
      };
    },
  };
}
