/* __GDPR__
	"Clone" : {
		"owner": "scm-team",
		"comment": "A repository was cloned.",
		"outcome": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	}
*/
export function clone(): void { }

type FetchClassification = {
	owner: 'scm-team';
	comment: 'A fetch ran.';
	remoteCount: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'How many remotes.' };
};
type FetchEvent = { remoteCount: number };

declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<FetchEvent, FetchClassification>('Git.Fetch', { remoteCount: 1 });
