/** `npm run bench:n8n:plot`: the SVG and the tables again from the last results, without running anything. */
import { writeFileSync } from 'node:fs';

import { markdownTables, svgPlot } from './report';
import { readResults, RESULTS_FILE, SVG_FILE } from './results';

const results = readResults();
if (!results) {
	console.error(`no results yet (${RESULTS_FILE}): run npm run bench:n8n first`);
	process.exit(1);
}
writeFileSync(SVG_FILE, svgPlot(results));
console.log(markdownTables(results));
console.log(`\nplot written to ${SVG_FILE}`);
