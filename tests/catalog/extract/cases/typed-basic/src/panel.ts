import { ITelemetryService } from './telemetryService.js';

type PanelOpenedClassification = {
	owner: 'panel-team';
	comment: 'Sent when the panel opens.';
	expiration: '1.140';
	location: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Where the panel sits.' };
	viewCount: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Views in the panel.'; isMeasurement: true };
	maximized: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Whether it opened maximized.' };
	openedFromCommand?: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Optional members count too.' };
	ratio: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'Explicitly not a measurement.'; isMeasurement: false };
	EditorGroupCount: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Upper-case names are lower-cased.' };
	debugOnly: true;
	note: 'a string member that is not metadata gives nothing';
};

type PanelOpenedEvent = {
	location: string;
	viewCount: number;
	maximized: boolean;
	openedFromCommand: boolean;
	ratio: number;
	EditorGroupCount: number;
	notClassified: number;
};

export class Panel {
	constructor(private readonly telemetryService: ITelemetryService) { }

	open(): void {
		this.telemetryService.publicLog2<PanelOpenedEvent, PanelOpenedClassification>('panel/opened', {
			location: 'bottom', viewCount: 3, maximized: false, openedFromCommand: true, ratio: 0.5, EditorGroupCount: 1, notClassified: 0
		});
	}

	fail(error: Error): void {
		type PanelErrorClassification = {
			owner: 'panel-team';
			comment: 'Opening the panel failed.';
			message: { classification: 'CallstackOrException'; purpose: 'PerformanceAndHealth'; comment: 'The error message.' };
		};
		this.telemetryService.publicLogError2<{ message: string }, PanelErrorClassification>('panel/openFailed', { message: error.message });
	}

	closed(): void {
		this.telemetryService.publicLog2<{ reason: string }, {
			owner: 'panel-team';
			comment: 'An inline classification type.';
			reason: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Why it closed.' };
		}>('panel/closed', { reason: 'user' });
	}
}
