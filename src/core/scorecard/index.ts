/** SCORECARD.md: render, parse, validate, aggregate, carry forward (SPEC §2.5). */
export { renderScorecard, shellCommand, type RenderOptions } from './render';
export { parseScorecard, section, type ParsedScorecard } from './parse';
export { splitFrontMatter, FRONT_MATTER_OPEN } from './split';
export { validateScorecard } from './validate';
export { computeAggregate, defaultAggregate, round2, AGGREGATE_FORMULA, DEFAULT_AGGREGATE_NAME, GATED_AGGREGATE_NAME, type Aggregate } from './aggregate';
export { carryForward, payloadFromCard } from './carry-forward';
export { ScorecardPayloadSchema, cardMetricFromMetric, type ScorecardPayload, type PayloadMetric } from './payload';
export { ScorecardSchema, SEMVER, type ScorecardData } from './schema';
export { metricCi95, metricInterval, withCi95, intervalReach, type IntervalEvidence, type IntervalVerdict } from './intervals';
export { cardBreakdown, breakdownMetric, categoryCi95, type BreakdownSource } from './breakdown';
export { withNoiseFloor } from './add-noise-floor';
