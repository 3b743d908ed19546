/**
 * The settings and staff entries of the end-to-end tests that read the data as git recorded it
 * (`bonus --as-recorded`, `expenses --as-recorded`, `audit`): one bonus and one expense-support
 * policy, and wealth managers whose conversion and head-office registration a test sets.
 */

/** channel.yaml: the bonus runs 2012-02-01..03-31, two awards a branch; expense support on 长城2号. */
export const RECORDED_SETTINGS = `version: 1
organisation: 长城证券
timezone: Asia/Shanghai
bonus:
  start: 2012-02-01
  deadline: 2012-03-31
  amount: 1000
  per_branch_cap: 2
  total_cap: 100
  eligible_positions: [wealth_manager]
  asset_min: 2万
  fund_min: 2万
  products: [长城2号]
expense_support:
  product: 长城2号
  start: 2012-02-01
  end: 2012-03-31
  self_driven:
    ceiling: 600万
    tiers: [{min: 100万, amount: 5000}]
  am_covered:
    tiers: [{min: 50万, rate: 0.002}]
`;

/** A wealth manager's entry, with a 5万 asset conversion at `at` and a registration day when given. */
export function recordedPerson(id: string, at: string | null, registered: string | null): string {
  return (
    `  - id: ${id}\n    name: 员工${id}\n    position: wealth_manager\n` +
    (registered === null ? "" : `    hq_registered: ${registered}\n`) +
    (at === null ? "" : `    conversion: {kind: asset, amount: 5万, at: ${at}}\n`)
  );
}

/** A staff.yaml of these entries. */
export function staffFile(...people: string[]): string {
  return `staff:\n${people.join("")}`;
}
