/** Who is asking: the identity the gateway establishes and propagates to every subgraph. */
export type ClientKind = 'partner' | 'frontend' | 'analyst' | 'internal';

export interface Viewer {
  clientId: string;
  administrationCode: string;
  kind: ClientKind;
  scopes: string[];
  /**
   * Programmes that the viewer's administration recognizes under an agreement in force today,
   * established by the gateway from the registry: the basis of need-to-know on operator data.
   */
  recognizes: string[];
}
