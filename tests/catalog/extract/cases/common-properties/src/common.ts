// Declared twice: the first declaration wins, a later "isMeasurement" still counts.
// __GDPR__COMMON__ "common.isNewSession" : { "classification": "SystemMetaData", "purpose": "BusinessInsight" }
// __GDPR__COMMON__ "Common.IsNewSession" : { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
// __GDPR__COMMON__ "common.cell<number>Count" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
// __GDPR__COMMON__ "common.version" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
export const nothing = 0;

/* __GDPR__
	"cells/executed" : {
		"owner": "notebook-team",
		"comment": "Cells ran.",
		"Cell<number>Kind": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"CellCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"cellcount": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function executed(): void { }
