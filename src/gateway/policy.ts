/** Request policy applied by the gateway to every operation, as Apollo Server plugins. */
import { getVariableValues, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Limits } from '../config.js';
import type { GatewayContext } from './context.js';
import { exceededLimit, measureOperation } from './limits.js';
import type { AuditLog } from './audit.js';

/**
 * @apollo/gateway plans with the variables as sent; coerce them against the API schema first so that a
 * malformed value (a bad Date, a string for an Int) is refused before any subgraph is called.
 */
export const coerceVariablesPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, operation, request }) {
        const { errors } = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {});
        if (errors?.length) {
          throw new GraphQLError(errors.map((e) => e.message).join(' '), { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
      },
    };
  },
};

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** Limits for free-form operations (trusted documents are reviewed, so exempt), and introspection for analysts only. */
export function limitsPlugin(limits: Limits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (contextValue.viewer.kind !== 'analyst' && usesIntrospection(document)) {
            throw new GraphQLError('Introspection is available to analysts only.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
          if (contextValue.documentId || !operation) return;
          // An introspection-only operation (an analyst's tool loading the schema) is bounded by the schema,
          // not by data: the depth and cost limits would only break standard tools (GraphiQL's query is 15 deep).
          const introspectionOnly = operation.selectionSet.selections.every(
            (s) => s.kind === 'Field' && (s.name.value === '__schema' || s.name.value === '__type' || s.name.value === '__typename'),
          );
          if (introspectionOnly) return;
          const exceeded = exceededLimit(measureOperation(schema, document, operation, request.variables ?? {}), limits);
          if (exceeded) {
            throw new GraphQLError(exceeded.message, { extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: exceeded.limit, http: { status: 400 } } });
          }
        },
      };
    },
  };
}

/** Field suggestions ("Did you mean ...?") reveal the schema: only analysts get them. */
export const suggestionsPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.viewer?.kind === 'analyst' || response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (!errors) return;
        response.body.singleResult.errors = errors.map((e) => ({ ...e, message: e.message.replace(/\s*Did you mean .*$/s, '') }));
      },
    };
  },
};

/** Audits operations by partner and front-end clients. */
export function auditPlugin(audit: AuditLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, operationName }) {
          const viewer = contextValue.viewer;
          if (!viewer || (viewer.kind !== 'partner' && viewer.kind !== 'frontend')) return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          const executed = response.body.kind === 'single' && 'data' in response.body.singleResult && response.body.singleResult.data !== undefined;
          audit.record({
            at: new Date().toISOString(),
            clientId: viewer.clientId,
            clientKind: viewer.kind,
            administrationCode: viewer.administrationCode,
            documentId: contextValue.documentId ?? null,
            operationName: operationName ?? operation?.name?.value ?? null,
            operationType: operation?.operation ?? null,
            outcome: !errors.length ? 'OK' : executed ? 'ERROR' : 'REJECTED',
            errorCodes: codes.join(' '),
          });
        },
      };
    },
  };
}

/** Root fields that only reach public registry data (no operator or shipment data is reachable from them). */
const PUBLIC_ROOT_FIELDS = new Set(['administrations', 'administration', 'programs', 'program', 'agreements', 'agreement', 'benefits', '__typename']);

/**
 * Cache-Control: GET queries over public registry data are cacheable by the client for a few minutes
 * (private: every request is authenticated; Vary: Authorization); everything else is no-store.
 */
export function cacheControlPlugin(maxAgeSeconds = 300): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const publicOnly =
            operation?.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === 'Field' && PUBLIC_ROOT_FIELDS.has(s.name.value));
          const cacheable = request.http?.method === 'GET' && publicOnly && !errors?.length;
          response.http.headers.set('cache-control', cacheable ? `private, max-age=${maxAgeSeconds}` : 'no-store');
          response.http.headers.set('vary', 'Authorization, Origin');
        },
      };
    },
  };
}
