import { ITelemetryService } from './telemetryService.js';

// The reference visits a classification member's type until it meets literals: a type that
// contains itself overflows its stack, and its fallback records the event as {}.
type Tree = { owner: 'tree-team'; comment: 'A tree.'; children: Tree; kind: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Which kind.' } };
interface Node { owner: 'tree-team'; parent?: Node }
type Ping = { owner: 'tree-team'; pong: Pong };
type Pong = { x: 'q'; ping: Ping };
type List<T> = { next: List<T>; value: T };
type Sound = { owner: 'tree-team'; comment: 'Not recursive.'; kind: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Which kind.' } };

// A finite type deeper than 32 levels is visited to its end.
type Deep = { owner: 'tree-team'; top: { m39: { m38: { m37: { m36: { m35: { m34: { m33: { m32: { m31: { m30: { m29: { m28: { m27: { m26: { m25: { m24: { m23: { m22: { m21: { m20: { m19: { m18: { m17: { m16: { m15: { m14: { m13: { m12: { m11: { m10: { m9: { m8: { m7: { m6: { m5: { m4: { m3: { m2: { m1: { m0: { x: 'leaf'; comment: 'forty levels down' } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } };

export class Trees {
	constructor(private readonly telemetryService: ITelemetryService) { }

	log(): void {
		this.telemetryService.publicLog2<{}, Tree>('tree/self', {});
		this.telemetryService.publicLog2<{}, Node>('tree/interface', {});
		this.telemetryService.publicLog2<{}, Ping>('tree/mutual', {});
		this.telemetryService.publicLog2<{}, { owner: 'tree-team'; list: List<string> }>('tree/generic', {});
		this.telemetryService.publicLog2<{ kind: string }, Sound>('tree/reset', { kind: 'oak' });
		this.telemetryService.publicLog2<{}, Tree>('tree/reset', {});
		this.telemetryService.publicLog2<{}, Deep>('tree/deep', {});
	}
}
