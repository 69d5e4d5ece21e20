/**
 * Times a function against a baseline in the same run, interleaved, and reports the ratio of the
 * medians: on a shared, noisy machine only ratios measured side by side mean anything.
 */
export interface Comparison {
  name: string;
  baseline: string;
  /** Median milliseconds per round. */
  subjectMs: number;
  baselineMs: number;
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function compare(
  name: string,
  subject: () => unknown,
  baseline: { name: string; run: () => unknown },
  rounds = 15,
): Comparison {
  for (let i = 0; i < 3; i += 1) {
    subject();
    baseline.run();
  }
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    let start = performance.now();
    baseline.run();
    baselineTimes.push(performance.now() - start);
    start = performance.now();
    subject();
    subjectTimes.push(performance.now() - start);
  }
  const subjectMs = median(subjectTimes);
  const baselineMs = median(baselineTimes);
  return { name, baseline: baseline.name, subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}

export function report(results: readonly Comparison[]): void {
  for (const result of results) {
    console.log(
      `${result.name.padEnd(52)} ${result.ratio.toFixed(2).padStart(7)} × ${result.baseline}` +
        `  (${result.subjectMs.toFixed(2)} ms vs ${result.baselineMs.toFixed(2)} ms, medians)`,
    );
  }
}
