/* __GDPR__FRAGMENT__ "AppInfo" : { "appVersion": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } } */
/* __GDPR__ "app/started" : { "owner": "app-team", "comment": "Started.", "${include}": [ "${LibInfo}" ] } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<{}, { owner: 'app-team'; comment: 'Shared.'; fromApp: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } }>('shared/typed');
