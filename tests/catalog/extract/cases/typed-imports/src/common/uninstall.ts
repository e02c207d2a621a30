type UninstallClassification = {
	owner: 'extensions-team';
	comment: 'An extension was removed.';
	reason: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Why.' };
};
export type { UninstallClassification };
export const UNINSTALL_EVENT = 'extensions/uninstalled';
