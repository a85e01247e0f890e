import { FAULT_KINDS, type FaultKind } from '../faults.js';

export type PaygateRouteKind = 'credit' | 'inquire';

export interface PaygateFaultEvent {
  /** 1-based position of the request among Paygate requests (the draw order). */
  sequence: number;
  route: PaygateRouteKind;
  kind: FaultKind;
  extraDelayMs: number;
  /** What the request named, when it could be opened. */
  pay_id: string | null;
  trans_id: string | null;
}

export interface PaygateStats {
  requests: Record<PaygateRouteKind, number>;
  faults: Record<FaultKind, number>;
  /** The most recent faults (up to 1000), oldest first. */
  faultLog: PaygateFaultEvent[];
}

const FAULT_LOG_LIMIT = 1000;

/** Counts Paygate requests per route and the faults injected into them. */
export class PaygateStatsRecorder {
  private readonly requests: Record<PaygateRouteKind, number> = { credit: 0, inquire: 0 };
  private readonly faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
    FaultKind,
    number
  >;
  private readonly faultLog: PaygateFaultEvent[] = [];

  request(route: PaygateRouteKind): void {
    this.requests[route] += 1;
  }

  fault(event: PaygateFaultEvent): void {
    this.faults[event.kind] += 1;
    this.faultLog.push(event);
    if (this.faultLog.length > FAULT_LOG_LIMIT) this.faultLog.shift();
  }

  snapshot(): PaygateStats {
    return {
      requests: { ...this.requests },
      faults: { ...this.faults },
      faultLog: this.faultLog.map((event) => ({ ...event })),
    };
  }
}
