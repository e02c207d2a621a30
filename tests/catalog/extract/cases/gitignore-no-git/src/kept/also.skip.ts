/* __GDPR__ "kept/ignoredFile" : { "owner": "build-team", "comment": "A file an ignore rule names, still searched." } */
export const skipped = 1;
