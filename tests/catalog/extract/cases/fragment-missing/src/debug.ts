/* __GDPR__FRAGMENT__
	"DebugSession" : {
		"adapterType": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/

/* __GDPR__
	"debug/started" : {
		"owner": "debug-team",
		"comment": "A debug session started.",
		"${include}": [ "${DebugSession}", "${LaunchConfiguration}" ],
		"breakpointCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function startDebugging(): void { }
