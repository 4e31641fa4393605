/**
 * The market of an episode when its flow is exogenous: the tape of the seed and the models that act on
 * it (our impact, the parent's alpha), calibrated from the market's own sigma and volume.
 *
 * One tape per (market definition, seed): the three runs of an episode and every policy on that seed
 * replay the same tape, drawn once and kept in a worker-local cache. Scenarios with the same market
 * definition (flow, intensity profile, reference price, episode span) share their tapes too: seed n is
 * the same market path in each, so comparing them is a paired comparison (docs/MARKET-MODEL.md; README "Seeds").
 *
 * Calibration: sigma and volume over the parent's window [start, start + horizon] are measured on
 * CALIBRATION_TAPES tapes drawn from seeds of their own (`calibration/<i>`), the same for every episode
 * seed: realised variance of the tape mid at SIGMA_STEP_NS (beyond the mid's bid-ask bounce, where the
 * CST mid is diffusive), and traded volume. Impact and alpha are then set from them (venues/market).
 */
import { createHash } from 'node:crypto';
import { NS_PER_S, RandomStreams, type Ns } from '../../sim/index.ts';
import { initialDepthOrders, recordCstTape, tapeWindowStatistics, type CstParameters, type CstTapeConfig, type MarketTape } from '../../venues/flow/index.ts';
import {
  calibrateResilientSquareRoot,
  LinearAlpha,
  NO_ALPHA,
  NoImpact,
  ReferenceShift,
  ResilientSquareRootImpact,
  type Alpha,
  type ImpactModel,
  type ResilientSquareRootParams,
} from '../../venues/market/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { buildIntensity } from './intensity.ts';

const CALIBRATION_TAPES = 16;
const SIGMA_STEP_NS = 5 * NS_PER_S;
const TAPE_CACHE_SIZE = 48;

/** The default models of an exogenous market (scenario `market.impact` and `market.alpha` when absent). */
const DEFAULT_IMPACT = { model: 'resilient-square-root', y: 1, decayTo: 2 / 3, resilience: 60 * NS_PER_S } as const;
const DEFAULT_ALPHA = { model: 'information', ic: 0.1 } as const;

export interface MarketCalibration {
  /** Standard deviation of the market's mid change over the parent's horizon (ticks). */
  sigmaTicks: number;
  /** The market's traded volume over the parent's horizon (shares). */
  volumeShares: number;
  /** The impact model's parameters; undefined when the scenario has none. */
  impact: ResilientSquareRootParams | undefined;
  /** The parent's alpha over its horizon (ticks, signed: up for a buy). */
  alphaTicks: number;
}

export interface ExogenousMarket {
  /** See MarketSummary. */
  pathKey: string;
  tape: MarketTape;
  calibration: MarketCalibration;
  impact: ImpactModel;
  shift: ReferenceShift;
}

export function isExogenous(scenario: Scenario): boolean {
  const flow = scenario.market.flow;
  return flow.model === 'cst' && flow.mode === 'exogenous';
}

function episodeEndNs(scenario: Scenario): Ns {
  return scenario.parent.start + scenario.parent.horizon + scenario.settle;
}

function tapeConfig(scenario: Scenario): CstTapeConfig {
  const flow = scenario.market.flow;
  if (flow.model !== 'cst') throw new Error('an exogenous market needs the CST flow');
  const parameters: CstParameters = { limitRateK: flow.k, limitRateAlpha: flow.alpha, marketRate: flow.mu, cancelHazards: flow.theta };
  const endNs = episodeEndNs(scenario);
  const depth = initialDepthOrders(parameters, flow.maxDistanceTicks);
  return {
    parameters,
    timeUnitNs: flow.timeUnit,
    orderSizeShares: flow.orderSizeShares,
    maxDistanceTicks: flow.maxDistanceTicks,
    referencePriceTicks: scenario.instrument.referencePriceTicks,
    intensity: buildIntensity(scenario, endNs),
    startingDepthOrders: { buy: depth, sell: depth },
    untilNs: endNs,
  };
}

/** What the tape depends on: two scenarios with the same key share tapes seed by seed. */
function marketKey(scenario: Scenario): string {
  const { flow, intensityWindows } = scenario.market;
  return JSON.stringify({ flow, intensityWindows, phase: scenario.phase, reference: scenario.instrument.referencePriceTicks, start: scenario.parent.start, end: episodeEndNs(scenario) });
}

export function pathKeyOf(scenario: Scenario): string {
  return createHash('sha256').update(marketKey(scenario)).digest('hex').slice(0, 12);
}

const tapes = new Map<string, MarketTape>();
const calibrations = new Map<string, { sigmaTicks: number; volumeShares: number }>();

/** The seed's tape, drawn on first use and kept (least recently used out beyond TAPE_CACHE_SIZE). */
export function marketTape(scenario: Scenario, seed: number | string): MarketTape {
  const key = `${marketKey(scenario)}|${seed}`;
  const cached = tapes.get(key);
  if (cached !== undefined) {
    tapes.delete(key);
    tapes.set(key, cached);
    return cached;
  }
  const tape = recordCstTape(tapeConfig(scenario), new RandomStreams(seed));
  tapes.set(key, tape);
  if (tapes.size > TAPE_CACHE_SIZE) tapes.delete(tapes.keys().next().value as string);
  return tape;
}

/** Sigma and volume of the scenario's market over the parent's window, from the calibration tapes. */
export function marketStatistics(scenario: Scenario): { sigmaTicks: number; volumeShares: number } {
  const { start, horizon } = scenario.parent;
  const key = `${marketKey(scenario)}|${horizon}`;
  const cached = calibrations.get(key);
  if (cached !== undefined) return cached;
  let variance = 0;
  let volume = 0;
  for (let i = 0; i < CALIBRATION_TAPES; i++) {
    const tape = recordCstTape(tapeConfig(scenario), new RandomStreams(`calibration/${i}`));
    const window = tapeWindowStatistics(tape, start, start + horizon, Math.min(SIGMA_STEP_NS, horizon));
    variance += window.realisedVarianceTicks2;
    volume += window.volumeShares;
  }
  const statistics = { sigmaTicks: Math.sqrt(variance / CALIBRATION_TAPES), volumeShares: volume / CALIBRATION_TAPES };
  calibrations.set(key, statistics);
  return statistics;
}

function calibrateMarket(scenario: Scenario): MarketCalibration {
  const { sigmaTicks, volumeShares } = marketStatistics(scenario);
  const impactSpec = scenario.market.impact ?? DEFAULT_IMPACT;
  const alphaSpec = scenario.market.alpha ?? DEFAULT_ALPHA;
  const direction = scenario.parent.side === 'buy' ? 1 : -1;
  const impact =
    impactSpec.model === 'none'
      ? undefined
      : calibrateResilientSquareRoot({ y: impactSpec.y, decayTo: impactSpec.decayTo, resilienceNs: impactSpec.resilience, horizonNs: scenario.parent.horizon, sigmaTicks, volumeShares });
  return { sigmaTicks, volumeShares, impact, alphaTicks: alphaSpec.model === 'none' ? 0 : direction * alphaSpec.ic * sigmaTicks };
}

/** What an episode record says of its market (record.ts `market`). */
export interface MarketSummary {
  /** A short hash of the market definition: scenarios with the same one replay the same tape for each seed. */
  pathKey: string;
  sigmaTicks: number;
  volumeShares: number;
  impact: ResilientSquareRootParams | null;
  alphaTicks: number;
}

export function marketSummary(market: ExogenousMarket): MarketSummary {
  const { sigmaTicks, volumeShares, impact, alphaTicks } = market.calibration;
  return { pathKey: market.pathKey, sigmaTicks, volumeShares, impact: impact ?? null, alphaTicks };
}

/** The tape of this seed and fresh models for one run (a model's state is the run's own). */
export function exogenousMarket(scenario: Scenario, seed: number | string): ExogenousMarket {
  const calibration = calibrateMarket(scenario);
  const impact: ImpactModel = calibration.impact === undefined ? new NoImpact() : new ResilientSquareRootImpact(calibration.impact);
  const alpha: Alpha = calibration.alphaTicks === 0 ? NO_ALPHA : new LinearAlpha(calibration.alphaTicks, scenario.parent.start, scenario.parent.horizon);
  return { pathKey: pathKeyOf(scenario), tape: marketTape(scenario, seed), calibration, impact, shift: new ReferenceShift(impact, alpha) };
}
