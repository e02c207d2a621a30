type LoginClassification = {
	owner: 'auth-team';
	comment: 'A login finished.';
	account: { classification: 'EndUserPseudonymizedInformation'; purpose: 'BusinessInsight'; endPoint: 'GoogleAnalyticsId'; comment: 'Hashed account.' };
	provider: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Which provider.' };
	tenant: { classification: 'EndUserPseudonymizedInformation'; purpose: 'BusinessInsight'; endpoint: 'SqmUserId'; comment: 'Lower-case endpoint.' };
};
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{ account: string }, LoginClassification>('auth/login', { account: 'x' });
