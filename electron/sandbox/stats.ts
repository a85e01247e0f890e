import { FAULT_KINDS, type FaultKind } from './faults.js';

export type RouteKind = 'payout' | 'status' | 'bank_list' | 'data_api' | 'control' | 'unknown';

export interface FaultEvent {
  /** 1-based position of the request among payout and status requests (the draw order). */
  sequence: number;
  route: 'payout' | 'status';
  kind: FaultKind;
  extraDelayMs: number;
  /** The payment id the request named, when it could be read. */
  payment_id: string | null;
}

export interface SandboxStats {
  requests: Record<RouteKind, number>;
  faults: Record<FaultKind, number>;
  /** The most recent faults (up to 1000), oldest first. */
  faultLog: FaultEvent[];
}

const FAULT_LOG_LIMIT = 1000;

/** Counts requests per route and faults per kind, for tests and the console's diagnostics. */
export class StatsRecorder {
  private readonly requests: Record<RouteKind, number> = {
    payout: 0,
    status: 0,
    bank_list: 0,
    data_api: 0,
    control: 0,
    unknown: 0,
  };
  private readonly faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
    FaultKind,
    number
  >;
  private readonly faultLog: FaultEvent[] = [];

  request(route: RouteKind): void {
    this.requests[route] += 1;
  }

  fault(event: FaultEvent): void {
    this.faults[event.kind] += 1;
    this.faultLog.push(event);
    if (this.faultLog.length > FAULT_LOG_LIMIT) this.faultLog.shift();
  }

  snapshot(): SandboxStats {
    return {
      requests: { ...this.requests },
      faults: { ...this.faults },
      faultLog: this.faultLog.map((e) => ({ ...e })),
    };
  }
}
