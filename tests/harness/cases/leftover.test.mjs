// Used by tests/harness/run.sh, not by the browser runner: the first test starts a promise that
// rejects after the test has ended (as a waitForEvent does when the step before its await
// throws); the tests after it must still run and report.
export const tests = [
  {
    name: 'leaves a promise behind',
    async run() {
      const leftover = new Promise((_, reject) => setTimeout(() => reject(new Error('the leftover rejected')), 150));
      await Promise.resolve();
      throw new Error('the step before the await failed');
      await leftover;  // eslint-disable-line no-unreachable
    },
  },
  {
    name: 'waits past the rejection',
    async run() { await new Promise((resolve) => setTimeout(resolve, 400)); },
  },
  {
    name: 'passes',
    async run() {},
  },
];
