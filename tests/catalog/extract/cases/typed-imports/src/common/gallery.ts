export type GalleryQueryClassification = {
	owner: 'extensions-team';
	comment: 'The gallery was queried.';
	resultCount: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'How many results.' };
};
export type GalleryQueryEvent = { resultCount: number };
