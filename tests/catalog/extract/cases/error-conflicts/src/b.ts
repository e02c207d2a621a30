/* __GDPR__
	"conflict/comments" : {
		"owner": "qa-team",
		"comment": "First declaration.",
		"size": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth" }
	}
*/
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
type TypedB = { owner: 'qa-team'; comment: 'Typed here.'; mode: { classification: 'CallstackOrException'; purpose: 'FeatureInsight' } };
telemetry.publicLog2<{}, TypedB>('conflict/typed');
