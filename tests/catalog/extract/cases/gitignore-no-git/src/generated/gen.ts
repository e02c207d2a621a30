/* __GDPR__ "generated/comment" : { "owner": "build-team", "comment": "Declared in an ignored folder." } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
type GeneratedClassification = { owner: 'build-team'; comment: 'Typed, in an ignored folder.' };
telemetry.publicLog2<{}, GeneratedClassification>('generated/typed');
