/** Request policy applied by the gateway to every operation, as Apollo Server plugins. */
import { getVariableValues, GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Limits } from '../config.js';
import type { GatewayContext } from './context.js';
import { checkOperation, type LimitName } from './limits.js';
import { ErrorCode } from '../platform/errors.js';
import type { AuditLog } from './audit.js';
import { isPublicRegistryQuery } from './public-cache.js';

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

/** Root fields of an introspection-only operation (an analyst's tool loading the schema). */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);
/** An introspection-only operation is bounded by the schema, not by data: GraphiQL's standard query is 15 levels deep. */
const INTROSPECTION_EXEMPT: readonly LimitName[] = ['depth', 'cost'];

/**
 * Client mistakes in choosing the operation are 400s with stable codes, before anything is planned:
 * an operationName the document does not define, several operations without an operationName, and
 * subscriptions (the gateway serves queries and mutations over HTTP only).
 */
function assertExecutableOperation(operation: OperationDefinitionNode | undefined, document: DocumentNode, operationName: string | undefined | null) {
  if (!operation) {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
    const message = operationName
      ? `The document has no operation named ${JSON.stringify(operationName.slice(0, 100))}.`
      : operations > 1
        ? 'The document has several operations: say which one to run with operationName.'
        : 'The document has no operation to run.';
    throw new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
  }
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
    throw new GraphQLError('Subscriptions are not served by this gateway; send a query or a mutation.', {
      extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
    });
  }
}

/**
 * Limits for free-form operations (trusted documents are reviewed, so exempt), and introspection for
 * analysts only. Introspection-only operations are exempt from depth and cost, never from aliases,
 * directives, root fields or tokens (300 aliases of __typename are refused like any others).
 */
export function limitsPlugin(limits: Limits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          assertExecutableOperation(operation, document, request.operationName);
          if (contextValue.viewer.kind !== 'analyst' && usesIntrospection(document)) {
            throw new GraphQLError('Introspection is available to analysts only.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
          if (contextValue.documentId || !operation) return;
          const introspectionOnly =
            contextValue.viewer.kind === 'analyst' &&
            operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(s.name.value));
          const { exceeded } = checkOperation(schema, document, operation, request.variables ?? {}, limits, introspectionOnly ? INTROSPECTION_EXEMPT : []);
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
          const codes = [...new Set(errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR')))];
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
          const publicOnly = isPublicRegistryQuery(operation ?? undefined);
          const cacheable = request.http?.method === 'GET' && publicOnly && !errors?.length;
          response.http.headers.set('cache-control', cacheable ? `private, max-age=${maxAgeSeconds}` : 'no-store');
          response.http.headers.set('vary', 'Authorization, Origin');
        },
      };
    },
  };
}
