// Prints one plain closing line, "N passed, N failed, N skipped", after Jest's own summary, so a
// tool reading the end of the output can tell how the run went. A suite that could not run at all
// (a compile error, a failing beforeAll) counts as one failure.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const brokenSuites = results.testResults.filter((suite) => suite.testExecError).length;
    const failed = results.numFailedTests + brokenSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
    // On exit, so it follows Jest's own summary and the global teardown's output.
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}

module.exports = SummaryReporter;
