export interface ITelemetryService {
	publicLog(eventName: string, data?: unknown): void;
}
