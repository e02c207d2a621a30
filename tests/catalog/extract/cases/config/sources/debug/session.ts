/* __GDPR__ "launch" : { "owner": "debug-team", "comment": "A debug session launched.", "runtime": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } } */
export const launch = 1;
