// The same event declared in a comment and by a typed call: the typed declaration replaces
// the comment's entirely (they agree on what they share, so this is no conflict).
/* __GDPR__
	"update/checked" : {
		"owner": "update-team",
		"comment": "An update check ran.",
		"fromComment": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
type UpdateCheckedClassification = {
	owner: 'update-team';
	comment: 'An update check ran.';
	explicit: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Asked for by the user.' };
};
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{ explicit: boolean }, UpdateCheckedClassification>('update/checked', { explicit: true });
