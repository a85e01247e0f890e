/**
 * Which file cell each of a payout's fields is read from by validation. An edit names a field as the screens
 * show it (`amount_fen` as the operator reads it, "1234.56") and replaces that cell's text, so the same rules
 * run on it as on the file.
 */
import type { PayoutFields } from '../../contract/records.js';
import type { PayoutField } from '../types.js';

export const CELL_OF_FIELD: Readonly<Record<keyof PayoutFields, PayoutField>> = {
  payment_id: 'payment_id',
  amount_fen: 'amount',
  currency: 'currency',
  card_number: 'card_number',
  bank_id: 'bank_id',
  region_id: 'region_id',
  last_name: 'last_name',
  first_name: 'first_name',
  customer_id: 'customer_id',
  phone: 'phone',
  email: 'email',
  id_number: 'id_number',
  branch: 'branch',
  bank_city: 'bank_city',
  province: 'province',
  city: 'city',
  street: 'street',
  zip: 'zip',
  description: 'description',
};

/** Every field of a payout, by the name an edit gives it. */
export const PAYOUT_FIELD_KEYS = Object.keys(CELL_OF_FIELD) as Array<keyof PayoutFields>;
