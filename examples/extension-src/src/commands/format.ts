import * as vscode from 'vscode';
import type { Reporter } from '../telemetry/reporter.js';

/* __GDPR__FRAGMENT__
	"Position" : {
		"line": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true },
		"character": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/

/* __GDPR__FRAGMENT__
	"EditorContext" : {
		"languageId": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "comment": "The document's language." },
		"tabSize": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/

export function registerFormatCommand(context: vscode.ExtensionContext, reporter: Reporter): void {
	context.subscriptions.push(vscode.commands.registerCommand('wordCount.format', () => {
		const editor = vscode.window.activeTextEditor;
		/* __GDPR__
			"formatSelection" : {
				"owner": "word-count-team",
				"comment": "The user formatted a selection through the command.",
				"expiration": "0.6.0",
				"${include}": [ "${EditorContext}" ],
				"start": { "${inline}": [ "${Position}" ] },
				"changed": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true, "comment": "Whether the text changed." },
				"userHash": { "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight", "endpoint": "MacAddressHash" },
				"${wildcard}": [
					{ "${prefix}": "timing.", "${classification}": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth" } }
				]
			}
		*/
		void editor;
		void reporter;
	}));
}
