/* __GDPR__
	"conflict/comments" : {
		"owner": "qa-team",
		"comment": "First declaration.",
		"size": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
type TypedA = { owner: 'qa-team'; comment: 'Typed here.'; mode: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } };
telemetry.publicLog2<{}, TypedA>('conflict/typed');

/* __GDPR__
	"conflict/mixed" : {
		"owner": "someone-else",
		"comment": "Declared by a comment and by a typed call, with different owners."
	}
*/
type Mixed = { owner: 'qa-team'; comment: 'Declared by a comment and by a typed call, with different owners.' };
telemetry.publicLog2<{}, Mixed>('conflict/mixed');
