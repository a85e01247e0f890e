import { CONSOLE_STATES, FINAL_PROVIDER_STATUSES } from '../../payoutStates.js';

/** States in which nothing more happens without a person, as an SQL list. */
const SETTLED_SQL = [
  ...FINAL_PROVIDER_STATUSES,
  CONSOLE_STATES.rejected,
  CONSOLE_STATES.cancelled,
  CONSOLE_STATES.needsAttention,
]
  .map((s) => `'${s}'`)
  .join(', ');

/** Payouts (alias `p`) the engine follows up with status queries: sent, not settled. */
export const AWAITING_SQL = `p.state NOT IN ('draft', '${CONSOLE_STATES.queued}', ${SETTLED_SQL})`;
