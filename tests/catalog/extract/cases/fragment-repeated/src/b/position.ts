/* __GDPR__FRAGMENT__
	"Position" : {
		"line": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true },
		"character": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
/* __GDPR__FRAGMENT__
	"Range" : {
		"${include}": [ "${Position}" ],
		"length": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
/* __GDPR__FRAGMENT__
	"Plain" : {
		"kind": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export const here = 1;
