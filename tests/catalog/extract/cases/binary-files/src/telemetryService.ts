export interface ITelemetryService {
	publicLog2<E = never, T = never>(eventName: string, data?: E): void;
	publicLogError2<E = never, T = never>(eventName: string, data?: E): void;
}

export abstract class AbstractTelemetryService implements ITelemetryService {
	publicLog2<E = never, T = never>(eventName: string, data?: E): void {
		// Forwarding with a variable named eventName: skipped by the reference.
		this.send(eventName, data);
	}
	publicLogError2<E = never, T = never>(eventName: string, data?: E): void {
		this.publicLog2<E, T>(eventName, data);
	}
	protected abstract send(eventName: string, data: unknown): void;
}
