/*
   __GDPR__ "split/found" : { "owner": "someone", "comment": "Found because the file is searched." }
*/
/* __GDPR__ "split/anchor" : { "owner": "someone", "comment": "This one selects the file." } */
export const both = 1;
