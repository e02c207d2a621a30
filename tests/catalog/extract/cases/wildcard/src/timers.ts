/* __GDPR__
	"startup/timers" : {
		"owner": "perf-team",
		"comment": "How long start-up phases took.",
		"${wildcard}": [
			{ "${prefix}": "Timers.", "${classification}": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth", "comment": "Milliseconds per phase." } },
			{ "${prefix}": "timers.", "${classification}": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } },
			{ "${prefix}": "memory.", "${classification}": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth", "endpoint": "none" } }
		],
		"windowKind": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export function reportTimers(): void { }
