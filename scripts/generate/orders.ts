/**
 * Generates the order lines of source 002. Buyers follow one of three habits: steady
 * buyers who mostly pay full price, discount-driven buyers whose orders thin out in the
 * second year, and occasional buyers who go quiet; the customer-intelligence segments
 * should find them. `fullPrice` is the chance a line carries no discount at all, so the
 * share of revenue bought at a discount separates the habits (with a discount on every
 * line it would be 100% for most customers and its quantile would select nobody in particular).
 */
import { CsvWriter, centsText } from './csv.ts';
import type { AccountTableOptions } from './accounts.ts';
import { Random } from './random.ts';
import { isoDate } from './utc-text.ts';

const P = {
  customers: 4000,
  months: 24,
  habits: {
    steady: { weight: 0.35, perMonth: [1.3, 1.3], fullPrice: 0.8, discount: [0.02, 0.08], basket: 420 },
    discount: { weight: 0.35, perMonth: [1.1, 0.7], fullPrice: 0.1, discount: [0.15, 0.45], basket: 260 },
    occasional: { weight: 0.3, perMonth: [0.35, 0.1], fullPrice: 0.5, discount: [0.02, 0.2], basket: 180 },
  },
} as const;

export function generateOrders(options: AccountTableOptions): { orders: number } {
  const rng = new Random(options.seed, 'orders');
  const customers = Math.min(options.accounts, Math.round(P.customers * options.scale));
  const end = Date.parse(`${options.snapshot}T00:00:00Z`);
  const day = 86_400_000;
  const out = new CsvWriter(`${options.dir}/orders.csv`, ['order_id', 'account_id', 'order_date', 'amount', 'discount']);
  let orderNo = 0;
  for (let c = 0; c < customers; c++) {
    const account = options.accountId(Math.floor(((c + 0.5) * options.accounts) / customers));
    const habit = P.habits[rng.weighted({ steady: P.habits.steady.weight, discount: P.habits.discount.weight, occasional: P.habits.occasional.weight })];
    const quietFrom = habit === P.habits.occasional ? rng.int(6, P.months) : P.months;
    for (let m = 0; m < P.months; m++) {
      if (m >= quietFrom) break;
      const rate = m < P.months / 2 ? habit.perMonth[0] : habit.perMonth[1];
      for (let o = rng.poisson(rate); o > 0; o--) {
        orderNo++;
        const date = isoDate(end - (P.months - m) * 30 * day + rng.int(0, 29) * day);
        const lines = rng.int(1, 4);
        for (let l = 0; l < lines; l++) {
          const discounted = rng.next() >= habit.fullPrice;
          const discountCents = discounted ? Math.round((habit.discount[0] + rng.next() * (habit.discount[1] - habit.discount[0])) * 100) : 0;
          const amountCents = Math.round(rng.logNormal(habit.basket / lines, 0.5) * (1 - discountCents / 100) * 100);
          out.line(`O${String(orderNo).padStart(7, '0')},${account},${date},${centsText(amountCents)},${centsText(discountCents)}`);
        }
      }
    }
  }
  out.close();
  return { orders: out.rows };
}
