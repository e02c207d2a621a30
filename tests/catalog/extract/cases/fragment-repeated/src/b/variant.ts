/* __GDPR__FRAGMENT__
	"Plain" : {
		"kind": { "classification": "CallstackOrException", "purpose": "PerformanceAndHealth" },
		"extra": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "comment": "only in b" }
	}
*/
/* __GDPR__FRAGMENT__
	"Owned" : {
		"owner": "team-b",
		"size": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export const variant = 1;
