import { BENFORD_FIRST_DIGIT } from '../../src/monitoring/rules/money.ts';
import type { StatutorySettings } from '../../src/statute/index.ts';

/**
 * The money rules of src/monitoring/rules/money.ts written as DuckDB SQL, one query per rule,
 * each returning `(cooperative_id, key)` — the key the rule gives its finding — so that the scan's
 * findings and DuckDB's can be compared as sets. Every query takes the rule's thresholds (and the
 * national statutory settings where the rule reads them), so both sides evaluate the same
 * definition. Where a rule walks a list greedily (split payments, duplicates), the SQL follows the
 * same walk: window functions find where each window ends, and a recursive CTE steps from one
 * chosen window to the next.
 *
 * Tables (loaded by scan-bench.ts from the benchmark's SQLite file):
 *   payments(id, cooperative_id, external_id, direction, party_kind, party_name, party_national_code,
 *            party_legal_id, iban, amount_rials BIGINT, paid_on DATE, category, invoice_ref, budget_line,
 *            contract_id, resolution_id, resolution_ref, required_approvals, approvals, recorded_on DATE,
 *            name_key, invoice_key_js)
 *     name_key: `searchKey(party_name)`, only for rows with no IBAN, national code or legal ID (the
 *     only rows whose payee key is the name); invoice_key_js: the rule's `invoiceKey` of a
 *     non-ASCII invoice reference (ASCII ones are folded in SQL below). Both computed in JS at load
 *     (Unicode normalisation has no exact SQL equivalent); both are null throughout this data.
 *   officers(id, cooperative_id, person_id, role, term_start DATE, term_end DATE, ended_on DATE,
 *            name, national_code, mobile, iban, address)
 *   declarations(cooperative_id, officer_id, kind, relation, person_national_code, person_name,
 *            company_legal_id, company_name)
 *   holidays(day DATE)               official holidays (src/monitoring/holidays.ts) over the payments' period
 *   calendar(day DATE, jmonth INT)   the Jalali month of each day (jy·12 + jm − 1), as the rules compute it
 * and the view `pk` (payments with the derived payee key, invoice key and "cites a resolution"),
 * created by `PAYMENT_VIEW`: its expressions are evaluated inside each rule's query. Window
 * functions partition by a 64-bit hash of the payee key (and of the duplicate rule's group key)
 * rather than the strings — DuckDB sorts integers much faster; a collision inside one cooperative
 * would merge two payees (odds about 1e-12 per cooperative), and the findings are compared with the
 * scan's anyway.
 */

export type RuleSql = (
  thresholds: Record<string, unknown>,
  settings: StatutorySettings,
  today: string,
) => string;

/** A threshold as an SQL integer. */
const int = (v: unknown): string => {
  const x = Number(v);
  if (!Number.isSafeInteger(x)) throw new Error(`threshold ${String(v)} is not an integer`);
  return String(x);
};
/** A number as an SQL DOUBLE with the exact value JavaScript holds (a bare 0.015 would be a DECIMAL). */
const dbl = (v: unknown): string => {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`threshold ${String(v)} is not a number`);
  return `CAST('${String(x)}' AS DOUBLE)`;
};
const date = (iso: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not a date: ${iso}`);
  return `DATE '${iso}'`;
};

/** Payees grouped as `payeeKey` groups them; the invoice reference as `invoiceKey` folds it. */
export const PAYMENT_VIEW = `
  CREATE VIEW pk AS
  SELECT *, hash(payee_key) AS payee_hash
  FROM (
    SELECT *,
      CASE
        WHEN iban IS NOT NULL AND iban <> '' THEN 'iban:' || iban
        WHEN party_national_code IS NOT NULL AND party_national_code <> '' THEN 'nc:' || party_national_code
        WHEN party_legal_id IS NOT NULL AND party_legal_id <> '' THEN 'legal:' || party_legal_id
        ELSE 'name:' || name_key
      END AS payee_key,
      coalesce(invoice_key_js, regexp_replace(lower(invoice_ref), '[\\t\\n\\x0B\\f\\r \\-_/.\\\\#:]', '', 'g')) AS invoice_key,
      (resolution_id IS NOT NULL OR resolution_ref IS NOT NULL) AS cites
    FROM payments)`;

/** Categories of agreed or computed sums, left out of the digit tests (money.ts FIXED_SUM_CATEGORIES). */
const FIXED_SUMS = "('wages', 'rent', 'loans_advances', 'dividends', 'taxes_dues')";
/** The population of the digit tests (money.ts `invoiceAmounts`): outgoing invoice payments, fixed sums aside. */
const INVOICE_AMOUNTS = `direction = 'payment' AND invoice_ref IS NOT NULL AND category NOT IN ${FIXED_SUMS}`;

/**
 * The greedy walk of `splitPayments` for one control, over `parts` (a CTE of the eligible
 * payments with cooperative_id, payee_hash — the hash of the payee key and the category, the
 * rule's group — id, paid_on, amount_rials): windows that start at a
 * part and hold every later part within `windowDays` of it; a window with enough parts and a
 * total above the limit is chosen and the walk resumes after it, else it moves one part on.
 */
function splitWalk(
  prefix: string,
  parts: string,
  limit: number,
  windowDays: number,
  minParts: number,
): string {
  const g = 'PARTITION BY cooperative_id, payee_hash';
  return `
  ${prefix}_w AS (
    SELECT cooperative_id, payee_hash, id, paid_on, amount_rials,
      row_number() OVER (${g} ORDER BY paid_on, id) AS pos,
      count(*) OVER (${g} ORDER BY paid_on RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL ${windowDays} DAY FOLLOWING) AS endpos,
      sum(amount_rials) OVER (${g} ORDER BY paid_on RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL ${windowDays} DAY FOLLOWING)
        - coalesce(sum(amount_rials) OVER (${g} ORDER BY paid_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
        AS total
    FROM ${parts}),
  ${prefix}_c AS (
    SELECT * FROM ${prefix}_w WHERE endpos - pos + 1 >= ${minParts} AND total > ${limit}),
  ${prefix}_n AS (
    SELECT c.*, x.pos AS next_pos FROM ${prefix}_c c ASOF LEFT JOIN ${prefix}_c x
      ON c.cooperative_id = x.cooperative_id AND c.payee_hash = x.payee_hash AND c.endpos < x.pos),
  ${prefix}_r AS (
    SELECT * FROM (SELECT * FROM ${prefix}_n QUALIFY row_number() OVER (PARTITION BY cooperative_id, payee_hash ORDER BY pos) = 1)
    UNION ALL
    SELECT n.* FROM ${prefix}_r r JOIN ${prefix}_n n
      ON n.cooperative_id = r.cooperative_id AND n.payee_hash = r.payee_hash AND n.pos = r.next_pos)`;
}

/**
 * Officers tied to a payment's payee on its date, as `relationsOf` ties them (`pay`: the payments
 * considered): by the payee's national code, IBAN, or a declared relative's national code or
 * company's legal ID — non-empty identifiers only, officers of the same cooperative in office that
 * day (a term that ran out without a successor in the same role still counts).
 */
function relations(pay: string): string {
  return `
  pairs AS (
    SELECT p.id AS pid, f.id AS oid FROM ${pay} p JOIN officers f
      ON f.cooperative_id = p.cooperative_id AND f.national_code = p.party_national_code AND f.national_code <> ''
    UNION SELECT p.id, f.id FROM ${pay} p JOIN officers f
      ON f.cooperative_id = p.cooperative_id AND f.iban = p.iban AND f.iban <> ''
    UNION SELECT p.id, d.officer_id FROM ${pay} p JOIN declarations d
      ON d.cooperative_id = p.cooperative_id AND d.person_national_code = p.party_national_code AND d.person_national_code <> ''
    UNION SELECT p.id, d.officer_id FROM ${pay} p JOIN declarations d
      ON d.cooperative_id = p.cooperative_id AND d.company_legal_id = p.party_legal_id AND d.company_legal_id <> ''),
  rel AS (
    SELECT p.id, p.cooperative_id, p.category, p.cites,
      coalesce(f.national_code = p.party_national_code AND f.national_code <> '', false) AS self,
      coalesce(f.iban = p.iban AND f.iban <> '', false) AS same_iban,
      EXISTS (SELECT 1 FROM declarations d
              WHERE d.cooperative_id = p.cooperative_id AND d.officer_id = f.id
                AND ((d.person_national_code = p.party_national_code AND d.person_national_code <> '')
                  OR (d.company_legal_id = p.party_legal_id AND d.company_legal_id <> ''))) AS declared
    FROM pairs JOIN ${pay} p ON p.id = pairs.pid JOIN officers f ON f.id = pairs.oid AND f.cooperative_id = p.cooperative_id
    WHERE f.term_start <= p.paid_on
      AND CASE
            WHEN f.ended_on IS NOT NULL THEN p.paid_on <= f.ended_on
            WHEN p.paid_on <= f.term_end THEN true
            ELSE NOT EXISTS (SELECT 1 FROM officers s
                             WHERE s.cooperative_id = f.cooperative_id AND s.role = f.role
                               AND s.term_start > f.term_end AND s.term_start <= p.paid_on)
          END)`;
}

export const DUCKDB_RULES: Record<string, RuleSql> = {
  'money.payment_without_authority': (t) => `
    SELECT cooperative_id, 'payment:' || id AS key
    FROM payments
    WHERE direction = 'payment'
      AND amount_rials >= ${int(t.minAmountRials)}
      AND resolution_id IS NULL AND resolution_ref IS NULL AND budget_line IS NULL`,

  'money.above_limit_without_signoffs': (t, _s, today) => `
    SELECT cooperative_id, 'payment:' || id AS key
    FROM payments
    WHERE direction = 'payment'
      AND required_approvals > approvals
      AND date_diff('day', greatest(paid_on, recorded_on), ${date(today)}) > ${int(t.graceDays)}`,

  'money.split_payments': (t, s) => {
    const w = int(t.windowDays);
    const m = int(t.minParts);
    const signOff = Number(s.paymentSignOffAboveRials);
    const resolution = Number(s.paymentResolutionAboveRials);
    const steps: string[] = [];
    const results: string[] = [];
    if (signOff > 0) {
      steps.push(`s1_parts AS (
        SELECT cooperative_id, hash(payee_key, category) AS payee_hash, id, paid_on, amount_rials FROM pk
        WHERE direction = 'payment' AND category <> 'wages' AND amount_rials <= ${int(signOff)} AND approvals < ${int(s.paymentSignOffs)})`);
      steps.push(splitWalk('s1', 's1_parts', signOff, Number(w), Number(m)));
      steps.push(`s1_used AS (
        SELECT w.id FROM s1_w w JOIN s1_r r
          ON w.cooperative_id = r.cooperative_id AND w.payee_hash = r.payee_hash AND w.pos BETWEEN r.pos AND r.endpos)`);
      results.push("SELECT cooperative_id, 'payments:' || id AS key FROM s1_r");
    }
    if (resolution > 0) {
      steps.push(`s2_parts AS (
        SELECT cooperative_id, hash(payee_key, category) AS payee_hash, id, paid_on, amount_rials FROM pk
        WHERE direction = 'payment' AND category <> 'wages' AND amount_rials <= ${int(resolution)} AND NOT cites
          ${signOff > 0 ? 'AND id NOT IN (SELECT id FROM s1_used)' : ''})`);
      steps.push(splitWalk('s2', 's2_parts', resolution, Number(w), Number(m)));
      results.push("SELECT cooperative_id, 'payments:' || id AS key FROM s2_r");
    }
    if (results.length === 0)
      return 'SELECT NULL::INTEGER AS cooperative_id, NULL::VARCHAR AS key WHERE false';
    return `WITH RECURSIVE ${steps.join(',\n')}\n${results.join('\nUNION ALL\n')}`;
  },

  'money.related_party_payment': (t) => `
    WITH RECURSIVE pay AS (
      SELECT * FROM pk WHERE direction = 'payment' AND amount_rials >= ${int(t.minAmountRials)} AND category <> 'loans_advances'),
    ${relations('pay')}
    SELECT DISTINCT cooperative_id, 'payment:' || id AS key
    FROM rel
    WHERE CASE
            WHEN self THEN category <> 'wages' AND NOT cites
            WHEN same_iban THEN NOT declared OR NOT cites
            WHEN declared THEN NOT cites
            ELSE false
          END`,

  'money.duplicate_payment': (t) => `
    WITH RECURSIVE inv AS (
      SELECT cooperative_id, hash(payee_key, amount_rials, invoice_key) AS g, id, paid_on FROM pk
      WHERE direction = 'payment' AND invoice_ref IS NOT NULL AND invoice_key <> ''),
    twice AS (SELECT cooperative_id, g FROM inv GROUP BY ALL HAVING count(*) >= 2),
    seg AS (
      SELECT i.*,
        row_number() OVER (PARTITION BY i.cooperative_id, i.g ORDER BY i.paid_on, i.id) AS pos,
        count(*) OVER (PARTITION BY i.cooperative_id, i.g ORDER BY i.paid_on
                       RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL ${int(t.windowDays)} DAY FOLLOWING) AS endpos
      FROM inv i JOIN twice USING (cooperative_id, g)),
    walk AS (
      SELECT * FROM seg WHERE pos = 1
      UNION ALL
      SELECT s.* FROM walk w JOIN seg s ON s.cooperative_id = w.cooperative_id AND s.g = w.g AND s.pos = w.endpos + 1)
    SELECT cooperative_id, 'payments:' || id AS key FROM walk WHERE endpos - pos + 1 >= 2`,

  'money.round_amounts': (t) => {
    const unit = 10 ** Number(t.power);
    return `
    SELECT cooperative_id, 'round:' || ${int(t.power)} AS key
    FROM (
      SELECT cooperative_id, count(*) AS n, count(*) FILTER (WHERE amount_rials % ${int(unit)} = 0) AS r
      FROM payments
      WHERE ${INVOICE_AMOUNTS} AND amount_rials >= ${int(unit)}
      GROUP BY cooperative_id)
    WHERE n >= ${int(t.minPayments)} AND CAST(100 * r AS DOUBLE) / n > ${dbl(t.maxSharePercent)}`;
  },

  'money.benford_first_digit': (t) => {
    const p = BENFORD_FIRST_DIGIT;
    const D = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const pd = (d: number) => p[d - 1] as number;
    const twoOverPi = dbl(2 / Math.PI);
    const rest = dbl(1 - 2 / Math.PI);
    // The same operations in the same order as the rule, `effectiveSampleSize` and
    // `benfordNoiseBound`, on doubles (sums over payees may add in another order: see below).
    const mad = D.map((d) => `abs(c${d} / n - ${dbl(pd(d))}) / 9`).join(' + ');
    const sigma2 = (d: number) => `(${dbl(pd(d) * (1 - pd(d)))} / eff)`;
    const mean = D.map((d) => `sqrt(${twoOverPi} * ${sigma2(d)})`).join(' + ');
    const variance = D.map((d) => `${rest} * ${sigma2(d)}`).join(' + ');
    let weights = 0;
    for (const d of D) weights += pd(d) * (1 - pd(d));
    const rho = `(${D.map((d) => `r${d} * ${dbl(pd(d))} * ${dbl(1 - pd(d))}`).join(' + ')}) / ${dbl(weights)}`;
    return `
    WITH pop AS (
      SELECT cooperative_id, payee_key, CAST(left(CAST(amount_rials AS VARCHAR), 1) AS INTEGER) AS d FROM pk
      WHERE ${INVOICE_AMOUNTS} AND amount_rials >= 1),
    payees AS (
      SELECT cooperative_id, payee_key, CAST(count(*) AS DOUBLE) AS l,
        ${D.map((d) => `count(*) FILTER (WHERE d = ${d}) AS k${d}, CAST(count(*) FILTER (WHERE d = ${d}) AS DOUBLE) / count(*) AS s${d}`).join(', ')}
      FROM pop GROUP BY ALL),
    coop AS (
      SELECT cooperative_id, sum(l) AS n, CAST(count(*) AS DOUBLE) AS g, sum(l * l) AS l2,
        ${D.map((d) => `CAST(sum(k${d}) AS DOUBLE) AS c${d}, sum(l * s${d}) / sum(l) AS o${d}`).join(', ')}
      FROM payees GROUP BY cooperative_id HAVING sum(l) >= ${int(t.minPayments)}),
    anova AS (
      SELECT c.cooperative_id, any_value(c.n) AS n, any_value(c.g) AS g, any_value(c.l2) AS l2,
        ${D.map((d) => `any_value(c.c${d}) AS c${d}, sum(p.l * ((p.s${d} - c.o${d}) * (p.s${d} - c.o${d}))) AS b${d}, sum(p.l * p.s${d} * (1 - p.s${d})) AS w${d}`).join(',\n        ')}
      FROM coop c JOIN payees p USING (cooperative_id) GROUP BY c.cooperative_id),
    design AS (
      SELECT *, (n - l2 / n) / (g - 1) AS n0 FROM anova),
    intraclass AS (
      SELECT *,
        ${D.map(
          (d) => `CASE WHEN b${d} / (g - 1) + (n0 - 1) * (w${d} / (n - g)) > 0
             THEN least(1, greatest(0, (b${d} / (g - 1) - w${d} / (n - g)) / (b${d} / (g - 1) + (n0 - 1) * (w${d} / (n - g)))))
             ELSE 0 END AS r${d}`,
        ).join(',\n        ')}
      FROM design WHERE g >= 2 AND g < n),
    effective AS (
      SELECT cooperative_id, n, c1, c2, c3, c4, c5, c6, c7, c8, c9, n / (1 + (n0 - 1) * (${rho})) AS eff FROM intraclass
      UNION ALL
      SELECT cooperative_id, n, c1, c2, c3, c4, c5, c6, c7, c8, c9, CASE WHEN g < 2 THEN 1 ELSE n END AS eff
      FROM design WHERE g < 2 OR g = n)
    SELECT cooperative_id, 'benford' AS key
    FROM (
      SELECT cooperative_id, ${mad} AS mad,
        (${mean}) / 9 + (${dbl(t.noiseZ)} * sqrt(${variance})) / 9 AS bound
      FROM effective)
    WHERE mad > greatest(${dbl(t.madThreshold)}, bound)`;
  },

  'money.outflow_spike': (t) => {
    const lookback = Math.max(Number(t.lookbackMonths), Number(t.minPriorMonths));
    return `
    WITH f AS (
      SELECT p.cooperative_id, c.jmonth AS m, p.amount_rials FROM payments p JOIN calendar c ON c.day = p.paid_on
      WHERE p.direction = 'payment' AND p.resolution_id IS NULL AND p.resolution_ref IS NULL),
    span AS (
      SELECT f.cooperative_id, any_value(b.first) AS first, max(f.m) AS last
      FROM f JOIN (SELECT p.cooperative_id, min(c.jmonth) AS first FROM payments p JOIN calendar c ON c.day = p.paid_on
                   GROUP BY p.cooperative_id) b USING (cooperative_id)
      GROUP BY f.cooperative_id),
    months AS (SELECT cooperative_id, first, unnest(range(first, last + 1)) AS m FROM span),
    totals AS (SELECT cooperative_id, m, sum(amount_rials) AS total FROM f GROUP BY ALL),
    series AS (
      SELECT ms.cooperative_id, ms.m, ms.m - ms.first AS i, CAST(coalesce(t.total, 0) AS DOUBLE) AS x,
        list(CAST(coalesce(t.total, 0) AS DOUBLE)) OVER (PARTITION BY ms.cooperative_id ORDER BY ms.m
                                                        ROWS BETWEEN ${int(lookback)} PRECEDING AND 1 PRECEDING) AS prior_totals
      FROM months ms LEFT JOIN totals t USING (cooperative_id, m)),
    stats AS (
      SELECT *, list_median(prior_totals) AS med FROM series WHERE i >= ${int(t.minPriorMonths)}),
    scored AS (
      SELECT *,
        list_median(list_transform(prior_totals, v -> abs(v - med))) AS mad,
        list_sum(list_transform(prior_totals, v -> abs(v - med))) / len(prior_totals) AS mean_ad
      FROM stats WHERE med > 0 AND x >= ${dbl(t.minRatio)} * med)
    SELECT cooperative_id, 'month:' || (m // 12) || '/' || lpad(CAST(m % 12 + 1 AS VARCHAR), 2, '0') AS key
    FROM scored
    WHERE CASE
            WHEN mad > 0 THEN (${dbl(0.6745)} * (x - med)) / mad
            WHEN mean_ad > 0 THEN (x - med) / (${dbl(1.253314)} * mean_ad)
            ELSE 0
          END > ${dbl(t.zThreshold)}`;
  },

  'money.holiday_payment': (t) => `
    SELECT cooperative_id, 'payment:' || id AS key
    FROM payments
    WHERE direction = 'payment' AND amount_rials >= ${int(t.minAmountRials)}
      AND (dayofweek(paid_on) = 5 OR paid_on IN (SELECT day FROM holidays))`,

  'money.new_payee_large_sum': (t) => `
    WITH o AS (
      SELECT cooperative_id, payee_hash, id, paid_on, amount_rials, cites,
        min(paid_on) OVER (PARTITION BY cooperative_id) AS start,
        first_value(id) OVER (PARTITION BY cooperative_id, payee_hash ORDER BY paid_on, id) AS first_id,
        min(paid_on) OVER (PARTITION BY cooperative_id, payee_hash) AS first_on
      FROM pk WHERE direction = 'payment'),
    typical AS (
      SELECT cooperative_id, quantile_cont(CAST(amount_rials AS DOUBLE), 0.5) AS typical FROM o GROUP BY cooperative_id),
    early AS (
      SELECT cooperative_id, first_id,
        count(*) FILTER (WHERE date_diff('day', first_on, paid_on) <= ${int(t.days)} AND NOT cites) AS n,
        coalesce(sum(amount_rials) FILTER (WHERE date_diff('day', first_on, paid_on) <= ${int(t.days)} AND NOT cites), 0) AS total
      FROM o
      WHERE date_diff('day', start, first_on) >= ${int(t.minHistoryDays)}
      GROUP BY cooperative_id, payee_hash, first_id)
    SELECT e.cooperative_id, 'payments:' || e.first_id AS key
    FROM early e JOIN typical c USING (cooperative_id)
    WHERE e.n > 0 AND e.total >= ${int(t.minAmountRials)}
      AND CAST(e.total AS DOUBLE) >= ${dbl(t.medianMultiple)} * c.typical`,

  'money.backdated_entry': (t) => `
    SELECT cooperative_id, 'payment:' || id AS key
    FROM payments
    WHERE direction = 'payment' AND date_diff('day', paid_on, recorded_on) > ${int(t.days)}`,

  'money.loan_to_officer': (t) => `
    WITH RECURSIVE pay AS (
      SELECT * FROM pk WHERE direction = 'payment' AND category = 'loans_advances' AND amount_rials >= ${int(t.minAmountRials)}),
    ${relations('pay')}
    SELECT DISTINCT cooperative_id, 'payment:' || id AS key FROM rel WHERE self OR same_iban OR declared`,
};
