/* __GDPR__FRAGMENT__
	"Owned" : {
		"owner": "team-a",
		"size": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export const owned = 1;
