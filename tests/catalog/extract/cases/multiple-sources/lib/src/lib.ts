/* __GDPR__FRAGMENT__ "LibInfo" : { "libVersion": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } } */
/* __GDPR__ "lib/loaded" : { "owner": "lib-team", "comment": "Loaded.", "${include}": [ "${AppInfo}" ] } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{}, { owner: 'app-team'; comment: 'Shared.'; fromLib: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } }>('shared/typed');
