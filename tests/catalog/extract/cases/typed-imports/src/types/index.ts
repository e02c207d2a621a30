export namespace Timing {
	export type StartupClassification = {
		owner: 'perf-team';
		comment: 'Start-up timing.';
		ellapsed: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'Milliseconds.' };
	};
	export interface StartupEvent { ellapsed: number }
}
