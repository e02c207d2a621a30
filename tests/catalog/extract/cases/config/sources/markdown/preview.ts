/* __GDPR__ "Preview/Opened" : { "owner": "markdown-team", "comment": "A preview opened.", "locked": { "classification": "SystemMetaData", "purpose": "FeatureInsight" } } */
export const preview = 1;
