export const Events = {
	opened: 'checker/opened',
	nested: { closed: 'checker/closed' },
} as const;

export namespace Commands {
	export const RUN = 'checker/namespaced';
	export namespace Inner {
		export const DEEP = 'checker/deepNamespace';
	}
}

export class Names {
	static readonly OPENED = 'checker/staticReadonly';
	static readonly FROM_OBJECT = Events.opened;
}

export const ORIGINAL = 'checker/reexported';
