// Runs the end-to-end files in a fixed order, the secret scan last: it reads what all the others left.
const Sequencer = require('@jest/test-sequencer').default;

class LastScanSequencer extends Sequencer {
	sort(tests) {
		const isScan = (test) => test.path.endsWith('secrets.e2e.ts');
		return [...tests].sort((a, b) => Number(isScan(a)) - Number(isScan(b)) || a.path.localeCompare(b.path));
	}
}

module.exports = LastScanSequencer;
