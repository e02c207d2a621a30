/* __GDPR__ "extension/activated" : { "owner": "ext-team", "comment": "The extension activated." } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
type ActivatedClassification = { owner: 'ext-team'; comment: 'Activated, typed.' };
telemetry.publicLog2<{}, ActivatedClassification>('extension/activatedTyped');
