/* __GDPR__ "out/comment" : { "owner": "build-team", "comment": "Declared under an ignored output folder." } */
export const built = 1;
