import { IMPORTED_EVENT } from './names.constants.js';
import * as constants from './names.constants.js';

const LOCAL_EVENT = 'names/fromConst';
const AS_CONST = 'names/asConst' as const;
let notConst = 'names/fromLet';
const TYPED_STRING: string = 'names/typedString';

class Events {
	static readonly STATIC = 'names/fromStaticField';
}

type Simple = { owner: 'names-team'; comment: 'Name resolution.' };
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void; publicLogError2<E, C>(name: string, data?: E): void };
declare const pick: boolean;

export function send(dynamic: string): void {
	telemetry.publicLog2<{}, Simple>('names/literal');
	telemetry.publicLog2<{}, Simple>(`names/template`);
	telemetry.publicLog2<{}, Simple>(LOCAL_EVENT);
	telemetry.publicLog2<{}, Simple>(AS_CONST);
	telemetry.publicLog2<{}, Simple>(IMPORTED_EVENT);
	telemetry.publicLog2<{}, Simple>(constants.NAMESPACED_EVENT);
	telemetry.publicLog2<{}, Simple>(Events.STATIC);
	telemetry.publicLog2<{}, Simple>(('names/parenthesized'));
	const SHADOW = 'names/outer';
	{
		const SHADOW = 'names/inner';
		telemetry.publicLog2<{}, Simple>(SHADOW);
	}
	// These cannot be resolved: the reference skips them with a message.
	telemetry.publicLog2<{}, Simple>(notConst);
	telemetry.publicLog2<{}, Simple>(TYPED_STRING);
	telemetry.publicLog2<{}, Simple>(`names/${dynamic}`);
	telemetry.publicLog2<{}, Simple>(pick ? 'names/a' : 'names/b');
	telemetry.publicLogError2<{}, Simple>(dynamic);
}
