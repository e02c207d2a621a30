// One event at several call sites: properties are united; a call without type arguments
// resets the event to {} (later sites add to it again).
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void; publicLogError2<E, C>(name: string, data?: E): void };

type SaveClassification = {
	owner: 'files-team';
	comment: 'A file was saved.';
	size: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Bytes written.' };
};
telemetry.publicLog2<{ size: number }, SaveClassification>('files/saved', { size: 1 });

type SaveAsClassification = {
	owner: 'files-team';
	comment: 'A file was saved.';
	scheme: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'The target scheme.' };
};
telemetry.publicLog2<{ scheme: string }, SaveAsClassification>('files/saved', { scheme: 'file' });

telemetry.publicLog2('files/reset');
type ResetClassification = {
	owner: 'files-team';
	comment: 'Resets.';
	before: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Declared before the reset in file order.' };
};
telemetry.publicLog2<{}, ResetClassification>('files/reset');
telemetry.publicLogError2<{}, ResetClassification>('files/errorThenLog');
