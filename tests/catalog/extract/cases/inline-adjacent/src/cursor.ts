// Two ${inline} properties in a row: the reference skips the second while resolving and then
// crashes ("Cannot read properties of undefined"); telemetry extract resolves both.
/* __GDPR__FRAGMENT__
	"Point" : {
		"x": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true },
		"y": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
/* __GDPR__
	"cursor/dragged" : {
		"owner": "editor-team",
		"comment": "A drag from one point to another.",
		"from": { "${inline}": [ "${Point}" ] },
		"to": { "${inline}": [ "${Point}" ] }
	}
*/
export const dragged = 1;
