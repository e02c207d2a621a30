/* __GDPR__ "release/v2" : { "owner": "qa-team", "comment": "Event names may not end in a digit." } */
/* __GDPR__
	"form/submitted" : {
		"owner": "qa-team",
		"comment": "A property may not be named value.",
		"Value": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"field": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export const x = 1;
