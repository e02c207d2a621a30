// How string literal types are printed: quotes and backslashes stay escaped.
type StringsClassification = {
	owner: 'i18n-team';
	comment: 'It\'s "quoted", has a back\\slash, a tab\tand non-ASCII: café — 日本.';
	expiration: `1.150`;
	long: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'A long comment that goes on and on well past the one hundred and sixty characters at which TypeScript would truncate a printed type if the extractor did not ask for no truncation at all.' };
	'quoted.name': { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: "Double-quoted 'source' string." };
	__double: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Two leading underscores.' };
};
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{}, StringsClassification>('strings/escaped\\name', {});
