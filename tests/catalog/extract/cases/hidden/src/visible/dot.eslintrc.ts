/* __GDPR__ "hidden/file" : { "owner": "settings-team", "comment": "Declared in a hidden file: searched." } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{}, { owner: 'settings-team'; comment: 'Typed, hidden file.' }>('hidden/fileTyped');
