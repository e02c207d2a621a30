/*---------------------------------------------------------------------------------------------
 *  Reusable property groups for the notebook events.
 *--------------------------------------------------------------------------------------------*/

/* __GDPR__FRAGMENT__
	"NotebookKind" : {
		"notebookType": { "classification": "PublicNonPersonalData", "purpose": "FeatureInsight", "comment": "Which notebook type." },
		"cellCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export const NOTEBOOK_FRAGMENT = 'NotebookKind';

/* __GDPR__FRAGMENT__
	"TimingFragment" : {
		"duration": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth", "isMeasurement": true },
		"${include}": [ "${NotebookKind}" ]
	}
*/
