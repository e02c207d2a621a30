/* __GDPR__
	"good/event" : {
		"owner": "qa-team",
		"comment": "Valid: kept.",
		"ok": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/

/* __GDPR__
	"bad/trailingComma" : {
		"owner": "qa-team",
		"comment": "A trailing comma is not JSON.",
	}
*/

/* __GDPR__FRAGMENT__ "BadFragment" : { 'single': "quotes" } */

// __GDPR__COMMON__ "common.bad" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" } trailing words

// __GDPR__COMMON__ "common.good" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
export const x = 1;
