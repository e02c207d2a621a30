/* __GDPR__FRAGMENT__
	"EditorPosition" : {
		"lineNumber": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true },
		"column": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true, "comment": "1-based." }
	}
*/

/* __GDPR__FRAGMENT__
	"EditorSelection" : {
		"start": { "${inline}": [ "${EditorPosition}" ] },
		"empty": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/

/* __GDPR__
	"editor/selectionChanged" : {
		"owner": "editor-team",
		"comment": "The primary selection moved.",
		"cursor": { "${inline}": [ "${EditorPosition}" ] },
		"source": { "classification": "SystemMetaData", "purpose": "FeatureInsight" },
		"${include}": [ "${EditorSelection}" ]
	}
*/
export function selectionChanged(): void { }

/* __GDPR__
	"editor/jumped" : {
		"owner": "editor-team",
		"comment": "A jump to another location.",
		"${include}": [ "${EditorSelection}" ],
		"target": { "${inline}": [ "${EditorPosition}" ] }
	}
*/
export function jumped(): void { }
