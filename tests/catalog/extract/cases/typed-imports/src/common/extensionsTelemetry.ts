export type ExtensionInstalledClassification = {
	owner: 'extensions-team';
	comment: 'An extension was installed.';
	extensionId: { classification: 'PublicNonPersonalData'; purpose: 'FeatureInsight'; comment: 'Which extension.' };
	durationMs: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'How long it took.' };
};

export interface ExtensionInstalledEvent {
	extensionId: string;
	durationMs: number;
}

export * from './gallery.js';
export { UninstallClassification as ExtensionUninstalledClassification } from './uninstall.js';
