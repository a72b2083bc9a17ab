/**
 * Which programmes each administration recognizes under an agreement in force today, read from the
 * registry subgraph (the owner of agreements) and cached briefly. The gateway signs this into the
 * identity it propagates, and the operators subgraph enforces need-to-know with it.
 */
import type { Logger } from '../platform/logger.js';

export type RegistryQuery = (query: string) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

interface ProgramsPayload {
  programs: { code: string; recognizedBy: { recognizingAdministration: { code: string } }[] }[];
}

const QUERY = '{ programs { code recognizedBy { recognizingAdministration { code } } } }';

export class RecognitionDirectory {
  private cache: { map: Map<string, string[]>; at: number } | null = null;
  private loading: Promise<Map<string, string[]>> | null = null;

  constructor(
    private readonly query: RegistryQuery,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  /**
   * Fails closed: when the registry cannot be asked and nothing is cached, the caller is treated as
   * recognizing nothing (it sees less operator data, never more) and the request still proceeds.
   */
  async programsRecognizedBy(administration: string): Promise<string[]> {
    try {
      return (await this.current()).get(administration) ?? [];
    } catch (error) {
      this.logger.warn('recognition directory unavailable; need-to-know falls back to own administration only', { error: String(error) });
      return [];
    }
  }

  /** Forget the cache (after an agreement changes). */
  invalidate() {
    this.cache = null;
  }

  private async current(): Promise<Map<string, string[]>> {
    const fresh = this.cache && Date.now() - this.cache.at < this.ttlMs;
    if (fresh) return this.cache!.map;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    if (this.cache) {
      // Serve the previous answer while refreshing; fall back to it if the registry is down.
      this.loading.catch((error) => this.logger.warn('recognition directory refresh failed', { error: String(error) }));
      return this.cache.map;
    }
    return this.loading;
  }

  private async load(): Promise<Map<string, string[]>> {
    const result = await this.query(QUERY);
    if (result.errors?.length || !result.data) throw new Error('the registry did not answer the recognition directory query');
    const map = new Map<string, string[]>();
    for (const program of (result.data as ProgramsPayload).programs) {
      for (const r of program.recognizedBy) {
        const list = map.get(r.recognizingAdministration.code) ?? [];
        if (!list.includes(program.code)) list.push(program.code);
        map.set(r.recognizingAdministration.code, list);
      }
    }
    this.cache = { map, at: Date.now() };
    return map;
  }
}
