export type SettingChangedClassification = {
	owner: 'settings-team';
	comment: 'A setting changed.';
	key: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Which setting.' };
	optional: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Optional boolean under strict: not a measurement.' };
	count: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Optional number under strict: a measurement.' };
};
export type SettingChangedEvent = { key: string; optional?: boolean; count?: number };
