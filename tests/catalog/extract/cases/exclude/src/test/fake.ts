/* __GDPR__ "test/fake" : { "owner": "test-team", "comment": "Only tests send this." } */
export const fake = true;
