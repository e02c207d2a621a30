// The same event declared in two files, agreeing on what they share: the properties are united.
/* __GDPR__
	"terminal/created" : {
		"owner": "terminal-team",
		"comment": "A terminal was created.",
		"shellType": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"reconnected": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function created(): void { }

/* __GDPR__FRAGMENT__ "TerminalSize" : { "rows": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true } } */
