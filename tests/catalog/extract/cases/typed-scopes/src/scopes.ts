// Types declared in functions, switch cases and namespaces; a local type shadows a file one.
type ConnectionClassification = { owner: 'remote-team'; comment: 'File-level type.'; fileLevel: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } };
type ConnectionEvent = { fileLevel: number };
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };

export function onState(state: number): void {
	switch (state) {
		case 1: {
			type ConnectionClassification = { owner: 'remote-team'; comment: 'Case-level type.'; attempt: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth' } };
			type ConnectionEvent = { attempt: number };
			telemetry.publicLog2<ConnectionEvent, ConnectionClassification>('remote/reconnecting', { attempt: 1 });
			break;
		}
		case 2:
			type LostClassification = { owner: 'remote-team'; comment: 'Unbraced case.'; millis: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth' } };
			telemetry.publicLog2<{ millis: number }, LostClassification>('remote/lost', { millis: 2 });
			break;
		default:
			telemetry.publicLog2<ConnectionEvent, ConnectionClassification>('remote/other', { fileLevel: 3 });
	}
}

namespace Remote {
	export type StatusClassification = { owner: 'remote-team'; comment: 'In a namespace.'; status: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } };
	export function report(): void {
		telemetry.publicLog2<{ status: string }, StatusClassification>('remote/status', { status: 'ok' });
	}
}
telemetry.publicLog2<{ status: string }, Remote.StatusClassification>('remote/statusOutside', { status: 'ok' });
