import type { FastifyReply, FastifyRequest } from 'fastify';

import type { HostResolution } from '@plaza/tenancy';

/** What the host routing hook attaches to each request. */
export interface PlazaRequestState {
  resolution: HostResolution;
  /** Per-response CSP nonce for the few inline elements a page needs. */
  nonce: string;
  /** Locale of the interface for this request. */
  locale: string;
}

export type PlazaRequest = FastifyRequest & { plaza?: PlazaRequestState };
export type PlazaReply = FastifyReply;

export function stateOf(request: FastifyRequest): PlazaRequestState | undefined {
  return (request as PlazaRequest).plaza;
}
