/* __GDPR__
   "file/clean" : { "owner": "files-team", "comment": "Read: no NUL byte." }
*/
