// Left from an older version. The declaration below is broken on purpose: JSON wants
// double quotes. The reference tool stops its whole run on it; `telemetry extract` reports
// it with its line and column and keeps everything else.
/* __GDPR__
	"settingsMigrated" : {
		"owner": "word-count-team",
		"comment": "Old settings were migrated.",
		'count': { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function migrateSettings(): number {
	return 0;
}
