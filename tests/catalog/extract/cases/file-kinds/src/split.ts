// The marker on the line after "/*": the reference's line-by-line file search misses this file,
// unless another declaration in it is found (see both.ts).
/*
   __GDPR__ "split/only" : { "owner": "nobody", "comment": "Never found." }
*/
export const split = 1;
