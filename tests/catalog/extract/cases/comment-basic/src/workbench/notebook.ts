import { ITelemetryService } from './telemetry.js';

export class NotebookTelemetry {
	constructor(private readonly telemetryService: ITelemetryService) { }

	opened(kind: string): void {
		/* __GDPR__
			"notebook/opened" : {
				"owner": "notebook-team",
				"comment": "Sent when a notebook editor opens.",
				"expiration": "1.140",
				"Source": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "comment": "What opened it.", "owner": "someone-else" },
				"restored": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true, "expiration": "1.135" },
				"${include}": [ "${TimingFragment}" ]
			}
		*/
		this.telemetryService.publicLog('notebook/opened', { Source: kind, restored: 0 });
	}

	closed(): void {
		/* __GDPR__ "notebook/closed" : { "owner": "notebook-team", "comment": "Sent when a notebook editor closes.", "dirty": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } } */
		this.telemetryService.publicLog('notebook/closed');
	}
}
