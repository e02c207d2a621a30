/*---------------------------------------------------------------------------------------------
 *  Typed telemetry declarations: the Event type says what is sent, the Classification type
 *  says what each property is and why it is collected.
 *--------------------------------------------------------------------------------------------*/

export const enum CountMode { Words, Characters, Lines }

export type DocumentCountedClassification = {
	owner: 'word-count-team';
	comment: 'Sent when a document is counted, to learn which counts people use.';
	languageId: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'The language of the document.' };
	mode: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Words, characters or lines.' };
	words: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'How many words.' };
	durationMs: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'How long counting took.' };
	truncated: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'Whether the document was too large to count fully.' };
	selection: {
		lines: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Lines selected when counting started.' };
	};
};

export interface DocumentCountedEvent {
	languageId: string;
	mode: CountMode;
	words: number;
	durationMs: number;
	truncated?: boolean;
	selection: { lines: number };
}

export type CountFailedClassification = {
	owner: 'word-count-team';
	comment: 'Counting a document failed.';
	errorName: { classification: 'CallstackOrException'; purpose: 'PerformanceAndHealth'; comment: 'The error class.' };
};
export type CountFailedEvent = { errorName: string };

export const ACTIVATED_EVENT = 'activated';
