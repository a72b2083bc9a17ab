/** The client registry: who may call the gateway, for which administration, with which scopes. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ClientKind } from '../../platform/viewer.js';

const clientSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
  administration: z.string().regex(/^[A-Z]{2}-[A-Z0-9]+$/, 'an administration code such as KR-KCS'),
  kind: z.enum(['partner', 'frontend', 'analyst']),
  scopes: z.array(z.enum(['read', 'write'])).min(1),
  persistedOnly: z.boolean(),
  rateLimitPerMinute: z.number().int().positive().optional(),
});
const registrySchema = z.object({ clients: z.array(clientSchema).min(1) });

export interface ClientRecord {
  id: string;
  administration: string;
  kind: Exclude<ClientKind, 'internal'>;
  scopes: string[];
  persistedOnly: boolean;
  rateLimitPerMinute?: number;
}

export class ClientRegistry {
  private readonly byId: Map<string, ClientRecord>;
  constructor(clients: ClientRecord[]) {
    this.byId = new Map(clients.map((c) => [c.id, c]));
  }
  get(id: string): ClientRecord | undefined {
    return this.byId.get(id);
  }
  all(): ClientRecord[] {
    return [...this.byId.values()];
  }
}

export function loadClientRegistry(file: string): ClientRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`client registry ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`client registry ${file} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const ids = parsed.data.clients.map((c) => c.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`client registry ${file} lists ${duplicate} twice`);
  return new ClientRegistry(parsed.data.clients);
}
