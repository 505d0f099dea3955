// Copies what tsc does not emit into dist: node icons and codex (.node.json) files.
const { src, dest } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.build = copyNodeAssets;
exports.default = copyNodeAssets;
