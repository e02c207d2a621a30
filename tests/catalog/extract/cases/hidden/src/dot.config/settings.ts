/* __GDPR__ "hidden/folder" : { "owner": "settings-team", "comment": "Declared in a hidden folder: never searched." } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{}, { owner: 'settings-team'; comment: 'Typed, hidden folder.' }>('hidden/folderTyped');
