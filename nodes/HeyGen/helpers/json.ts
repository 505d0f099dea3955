/**
 * JSON typed into a field, parsed with a short reason and a line and column when it is invalid
 * (the parser's own message sometimes gives neither, and echoes the text instead).
 */

/** The index where `text` stops being valid JSON (its length when it ends too early). */
export function jsonErrorIndex(text: string): number {
	let at = 0;
	const fail = (): never => {
		throw at;
	};
	const space = () => {
		while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
	};
	const literal = (word: string) => {
		let matched = 0;
		while (matched < word.length && text[at + matched] === word[matched]) matched++;
		at += matched;
		if (matched < word.length) fail();
	};
	const string = () => {
		at++;
		for (;;) {
			if (at >= text.length) fail();
			const char = text[at];
			if (char === '"') return void at++;
			if (char < ' ') fail();
			if (char === '\\') {
				at++;
				if (text[at] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
					at += 4;
				} else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
			}
			at++;
		}
	};
	const value = (): void => {
		space();
		const char = text[at];
		if (char === '{' || char === '[') {
			const close = char === '{' ? '}' : ']';
			at++;
			space();
			if (text[at] === close) return void at++;
			for (;;) {
				if (close === '}') {
					space();
					if (text[at] !== '"') fail();
					string();
					space();
					if (text[at] !== ':') fail();
					at++;
				}
				value();
				space();
				if (text[at] === ',') at++;
				else if (text[at] === close) return void at++;
				else fail();
			}
		}
		if (char === '"') return string();
		if (char === 't') return literal('true');
		if (char === 'f') return literal('false');
		if (char === 'n') return literal('null');
		const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
		if (!number) fail();
		at += (number as RegExpExecArray)[0].length;
	};
	try {
		value();
		space();
		return at < text.length ? at : -1;
	} catch (index) {
		return Math.min(index as number, text.length);
	}
}

/** "line 3, column 5" of an index in `text`. */
function lineAndColumn(text: string, index: number): string {
	const before = text.slice(0, index).split('\n');
	return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON text; an invalid text gives a short reason with where it goes wrong. */
export function parseJsonText(text: string): JsonText {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const given = /at position (\d+)/.exec(message);
		const index = given ? Number(given[1]) : jsonErrorIndex(text);
		const reason = message
			.replace(/, ".*" is not valid JSON$/s, '')
			.replace(/ in JSON at position \d+.*$/s, '')
			.replace(/ after JSON at position \d+.*$/s, ' after the JSON')
			.replace(/^Unexpected end of JSON input$/, 'it ends too early');
		return { ok: false, reason: `${reason} at ${lineAndColumn(text, index >= 0 ? index : text.length)}` };
	}
}
