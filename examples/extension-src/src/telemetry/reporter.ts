import type * as vscode from 'vscode';

/** A thin wrapper: the extraction skips calls that forward a variable named `eventName`. */
export class Reporter {
	constructor(private readonly sender: vscode.TelemetrySender) { }

	publicLog2<E extends object, C>(eventName: string, data?: E): void {
		this.sender.sendEventData(eventName, data as Record<string, unknown>);
	}

	publicLogError2<E extends object, C>(eventName: string, data?: E): void {
		this.sender.sendErrorData(new Error(eventName), data as Record<string, unknown>);
	}
}
