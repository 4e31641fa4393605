/**
 * docs/METRICS.md, generated: the definitions every metric stands on (costs, the attribution, tails and
 * intervals, the invariants) and then every metric an episode record carries, from the metric catalogue
 * (harness/metrics/catalogue.ts), so the page and `execdrill list metrics` never disagree.
 * `npm run docs` writes it; test/harness/docs checks the file is what this gives.
 */
import { METRIC_CATALOGUE } from '../metrics/index.ts';

const DEFINITIONS = `# Metrics

Generated from the metric catalogue by \`npm run docs\`; \`execdrill list metrics\` prints the same table. A metric's
name in the records is the name its playbook gives it (docs/playbooks/); where a playbook leaves a definition open,
the choice below stands.

## Cost
- **Arrival mid**: the venue's mid price at the parent order's start (the decision price). Costs are in basis points
  (bps) of it, signed so that a cost is positive for buys and for sells.
- **IS_BPS**, implementation shortfall per parent (Perold): the executed cost of the fills against the arrival mid,
  plus the opportunity cost of any unfilled quantity at the horizon (marked at the horizon mid, or the cost of the
  forced clean-up when the scenario requires completion), plus the cost of unwinding any overfill.
- **IS_FO_BPS** = IS of the incident run minus IS of its **control run** (the same scenario, policy and random seed
  with every fault removed), seed by seed: what the incident itself cost. It can be negative: the incident run
  happened to pay less than its control run (a pause that waited out an adverse move, say).
- **Attribution** (playbook 000): IS_FO = C_DIVERGENCE + C_QUEUE_RESET + C_THROTTLE + C_CATCHUP + residual.
  C_DIVERGENCE is priced by an **oracle run** (the same seed and faults, but the router sees venue truth at once):
  IS(incident) - IS(oracle). The other terms split what the oracle paid beyond the control run by what each child
  order was for (normal, re-entry after a cancel, catch-up, clean-up) and by the quantity left unfilled while gated.
  The residual is reported, never hidden.

## Tails and intervals
- **p50, p95, p99**: quantiles over seeds, Hyndman & Fan type 7 (R's default, linear between order statistics).
- **CVaR95**: the mean of the worst 5% of seeds (expected shortfall, Acerbi & Tasche: the upper tail of costs).
- **FETL_BPS** = p95(IS | incident runs) - p95(IS | control runs) (playbook 000), with a bootstrap interval.
- **Intervals**: seeded bootstrap over seeds, bias-corrected and accelerated (BCa, Efron 1987; 2,000 resamples by
  default; percentile intervals where fault times are stratified or fault occurrence is importance-sampled).
  Two policies are compared
  **paired by seed**: the same seed gives both the same market and the same faults (common random numbers), so
  their difference is theirs. "Not significant": the interval contains 0 and more seeds are needed.
  Under a scenario's stratified fault times (\`faultTimeStrata\`), resamples are drawn within the strata the
  records carry, each stratum weighted equally (harness/drill/README.md, "Stratified fault times").
  Under a scenario's tail sampling (\`tailSampling\`), each record carries its seed's importance weight and every
  tail figure and interval is the weighted one: quantiles the inverse of the self-normalised weighted CDF (type 1
  under equal weights, so not type 7), CVaR the weighted expected shortfall, a resample drawing seeds with their
  weights, its interval the percentile one (harness/drill/README.md, "Importance sampling of fault occurrence";
  coverage: VALIDATION T9).

## State: truth against belief
The venue holds the truth; the router holds only what it received. State is sampled every 100 ms.
- **LSS_t** = |Local_t ∩ Venue_t| / |Local_t ∪ Venue_t| over working order ids (1 when both are empty).
- **R_obs - R_true**: the router's residual minus the true residual.

## Invariants (they hold in every run; the property tests check them)
- After the final reconciliation the router's position equals the venue's: no fill lost, none counted twice.
- A PossDup replay never changes position or order state a second time.
- The book is never crossed after matching; quantity is conserved; price-time priority holds.
- Every FIX sequence number is either delivered once to the application or covered by a GapFill of admin messages
  only (unless the scenario says the sender does not persist messages: then the loss is recorded as such).
- The kernel's clock never goes backwards; the same (scenario, policy, seed) gives the same trace hash.

## Every metric of an episode record
`;

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function metricsMarkdown(): string {
  const rows = METRIC_CATALOGUE.map((m) => `| \`${m.name}\` | ${cell(m.unit)} | ${cell(m.description)} |`);
  return `${DEFINITIONS}\n| metric | unit | meaning |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
}
