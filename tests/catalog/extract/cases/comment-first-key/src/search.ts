// Only the first name in a declaration counts: "search/ended" below is never seen.
/* __GDPR__
	"search/started" : {
		"owner": "search-team",
		"comment": "A search began.",
		"queryLength": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	},
	"search/ended" : {
		"owner": "search-team",
		"comment": "A search ended.",
		"resultCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function startSearch(): void { }

/* __GDPR__FRAGMENT__
	"SearchScope" : { "folderCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } },
	"Unused" : { "never": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } }
*/

/* __GDPR__ "search/cancelled" : { "owner": "search-team", "comment": "A search was cancelled.", "${include}": [ "${SearchScope}" ] } */
export function cancelSearch(): void { }
