/* __GDPR__
	"clone" : {
		"owner": "scm-team",
		"comment": "A repository was cloned.",
		"outcome": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
// __GDPR__COMMON__ "common.gitVersion" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
type PushClassification = { owner: 'scm-team'; comment: 'A push ran.'; forced: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } };
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{ forced: boolean }, PushClassification>('push', { forced: false });
