declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void; publicLogError2<E, C>(name: string, data?: E): void };

type AutoSaveClassification = {
	owner: 'files-team';
	comment: 'A file was saved.';
	auto: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Saved automatically.' };
};
telemetry.publicLog2<{ auto: boolean }, AutoSaveClassification>('files/saved', { auto: true });
telemetry.publicLog2('files/reset');

type LaterClassification = {
	owner: 'files-team';
	comment: 'Resets.';
	after: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'From the log site.' };
};
telemetry.publicLog2<{}, LaterClassification>('files/errorThenLog');
