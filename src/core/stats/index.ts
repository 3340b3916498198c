export { normalCdf, normalQuantile, zTwoSided, erfc } from './normal';
export { wilsonInterval, type Interval } from './wilson';
export { newcombeDifference } from './newcombe';
export { tangoPairedDifference, tangoScore } from './tango';
export { mcnemarExact } from './mcnemar';
export { pairedBootstrap, mulberry32, type BootstrapOptions } from './bootstrap';
export { normalDifference, stderrFromCi95 } from './normal-interval';
export { detectableDrop, DETECTION_POWER, type GateMode } from './power';
export { binomialPmf, binomialCdf, clopperPearson, logChoose } from './binomial';
