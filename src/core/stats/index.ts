export { normalCdf, normalQuantile, zTwoSided, erfc } from './normal';
export { wilsonInterval, type Interval } from './wilson';
export { newcombeDifference, newcombePairedDifference, type PairedTable } from './newcombe';
export { mcnemarExact } from './mcnemar';
export { pairedBootstrap, mulberry32, type BootstrapOptions } from './bootstrap';
export { normalDifference, stderrFromCi95 } from './normal-interval';
export { minimumDetectableDrop } from './power';
