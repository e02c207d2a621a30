export type Classifications = {
	opened: {
		owner: 'types-team';
		comment: 'Reached by indexed access.';
		file: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'The file.' };
	};
};

export type Full = {
	owner: 'types-team';
	comment: 'A classification cut down by Omit, Pick and Partial.';
	kept: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' };
	dropped: { classification: 'CallstackOrException'; purpose: 'PerformanceAndHealth' };
	count: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; isMeasurement: true };
};

export type Described<T, O extends string> = T & { owner: O; comment: 'A generic alias.' };
export type Prop<C extends string> = { classification: C; purpose: 'FeatureInsight' };

export const classificationValue = {
	owner: 'types-team',
	comment: 'Reached through typeof.',
	value2: { classification: 'SystemMetaData', purpose: 'FeatureInsight' },
} as const;

declare global {
	type GlobalClassification = {
		owner: 'types-team';
		comment: 'Declared in declare global.';
		globalProp: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' };
	};
}
