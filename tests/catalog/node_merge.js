// The reference for `telemetry report`: the merge `code --telemetry` performs, in plain Node.
//
// Written for this project from the facts in VS Code's buildTelemetryMessage
// (src/vs/platform/telemetry/node/telemetry.ts): folders of the extensions dir in fs.readdir order,
// stat() to keep directories (broken links skipped), a file named exactly telemetry.json,
// JSON.parse of Buffer#toString(), then telemetry-core.json as "vscode-core" and
// telemetry-extensions.json as "vscode-extensions", printed as JSON.stringify(merged, null, 4)
// with console.log's newline. With a third argument, the built-in extensions folder is merged
// first, keyed `${publisher}.${name}-${version}` lower-cased from each package.json, as the
// variant of the function that takes a builtinExtensionsPath does.
//
// usage: node node_merge.js APP_ROOT [EXTENSIONS_DIR|-] [BUILTIN_DIR]
'use strict';
const fs = require('fs');
const path = require('path');

async function folderKeys(dir) {
	const dirs = [];
	for (const name of await fs.promises.readdir(dir)) {
		try {
			if ((await fs.promises.stat(path.join(dir, name))).isDirectory()) {
				dirs.push(name);
			}
		} catch {
			// a broken link
		}
	}
	const withCatalog = [];
	for (const name of dirs) {
		if ((await fs.promises.readdir(path.join(dir, name))).filter(f => f === 'telemetry.json').length === 1) {
			withCatalog.push(name);
		}
	}
	return withCatalog;
}

async function main() {
	const [appRoot, extensionsDir, builtinDir] = process.argv.slice(2);
	const merged = Object.create(null);
	const read = async file => (await fs.promises.readFile(file)).toString();
	if (builtinDir) {
		for (const name of await folderKeys(builtinDir)) {
			const folder = path.join(builtinDir, name);
			const contents = await read(path.join(folder, 'telemetry.json'));
			const manifest = JSON.parse(await read(path.join(folder, 'package.json')));
			merged[`${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase()] = JSON.parse(contents);
		}
	}
	if (extensionsDir && extensionsDir !== '-') {
		for (const name of await folderKeys(extensionsDir)) {
			merged[name] = JSON.parse(await read(path.join(extensionsDir, name, 'telemetry.json')));
		}
	}
	merged['vscode-core'] = JSON.parse(await read(path.join(appRoot, 'telemetry-core.json')));
	merged['vscode-extensions'] = JSON.parse(await read(path.join(appRoot, 'telemetry-extensions.json')));
	process.stdout.write(JSON.stringify(merged, null, 4) + '\n');
}

main().catch(error => {
	process.stderr.write(`node_merge: ${error.message}\n`);
	process.exit(1);
});
