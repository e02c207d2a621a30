// The reference for js_json: for each file named on the command line, one NDJSON line holding
// JSON.stringify(JSON.parse(buffer.toString()), null, 4) + "\n" as {"out": ...}, or {"error": ...}
// when JSON.parse throws. Written for this project.
'use strict';
const fs = require('fs');
for (const file of process.argv.slice(2)) {
	let line;
	try {
		line = { out: JSON.stringify(JSON.parse(fs.readFileSync(file).toString()), null, 4) + '\n' };
	} catch (error) {
		line = { error: error.message };
	}
	// The outer stringify escapes lone surrogates, so the line is valid UTF-8 JSON for Python.
	process.stdout.write(JSON.stringify(line) + '\n');
}
