// web-test-runner's own progress line mixes the pass count with a progress bar; this reporter
// ends the run with one plain line that scripts and people can read: `N passed, N failed[, N skipped]`.
function countTests(suite, counts) {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countTests(child, counts);
}

export function summarize(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    if (session.testResults) countTests(session.testResults, counts);
    // A file that fails to load or throws outside a test has no failing test but is a failure.
    if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1;
  }
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  return `${counts.passed} passed, ${counts.failed} failed${skipped}`;
}

export function summaryReporter() {
  return {
    stop({ sessions }) {
      const line = summarize(sessions);
      // The runner redraws its dynamic progress after the reporters stop; writing at exit keeps
      // this line last and whole.
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
