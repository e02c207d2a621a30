import { Events, Commands, Names } from './events.js';
import { RENAMED, EventNames, all } from './reexports.js';

// Enum members name events by their printed type (`SavedEvents.Saved`), which the reference
// then trims by one character at each end, as it trims quotes.
enum SavedEvents {
	Saved = 'checker/saved',
	Autosaved = 'checker/autosaved',
}

const enum RunEvents {
	Run = 'checker/run',
}


type Simple = { owner: 'checker-team'; comment: 'Names the type checker resolves.' };
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };

const LocalEvents = { local: 'checker/localObject', 'quoted-key': 'checker/quotedKey' } as const;

export function send(): void {
	telemetry.publicLog2<{}, Simple>(Events.opened);
	telemetry.publicLog2<{}, Simple>(Events.nested.closed);
	telemetry.publicLog2<{}, Simple>(Events['opened']);
	telemetry.publicLog2<{}, Simple>(LocalEvents.local);
	telemetry.publicLog2<{}, Simple>(LocalEvents['quoted-key']);
	telemetry.publicLog2<{}, Simple>(SavedEvents.Saved);
	telemetry.publicLog2<{}, Simple>(SavedEvents.Autosaved);
	telemetry.publicLog2<{}, Simple>(RunEvents.Run);
	telemetry.publicLog2<{}, Simple>(Commands.RUN);
	telemetry.publicLog2<{}, Simple>(Commands.Inner.DEEP);
	telemetry.publicLog2<{}, Simple>(Names.OPENED);
	telemetry.publicLog2<{}, Simple>(RENAMED);
	telemetry.publicLog2<{}, Simple>(EventNames.nested.closed);
	telemetry.publicLog2<{}, Simple>(all.ORIGINAL);
	telemetry.publicLog2<{}, Simple>(all.Commands.RUN);
}
