/* __GDPR__ "kept/comment" : { "owner": "build-team", "comment": "Declared in a tracked folder." } */
export const kept = 1;
