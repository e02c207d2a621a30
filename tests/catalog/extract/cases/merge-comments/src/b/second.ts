/* __GDPR__
	"terminal/created" : {
		"owner": "terminal-team",
		"comment": "A terminal was created.",
		"shellType": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"profileName": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"${include}": [ "${TerminalSize}" ]
	}
*/
export function createdFromProfile(): void { }

// A fragment declared twice gets both bodies.
/* __GDPR__FRAGMENT__ "TerminalSize" : { "columns": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true } } */
