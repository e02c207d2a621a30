// __GDPR__COMMON__ "common.platform" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
/* __GDPR__
	"shadow/event" : {
		"owner": "qa-team",
		"comment": "A property a common property overrides.",
		"common.platform": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export const x = 1;
